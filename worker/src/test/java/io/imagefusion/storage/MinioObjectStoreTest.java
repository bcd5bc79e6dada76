package io.imagefusion.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Given an object store that is down, every call fails as UNAVAILABLE, naming the object and no credential. */
class MinioObjectStoreTest {

    private static final String SECRET = "s3cr3t-value-never-shown";

    @Test
    void unreachableStoreIsUnavailableWithoutSecrets() throws IOException {
        MinioObjectStore store = new MinioObjectStore(config("http://127.0.0.1:" + closedPort()));
        ObjectRef ref = new ObjectRef("fusion-inputs", "tno/IR1.png");
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("fusion-inputs/tno/IR1.png").doesNotContain(SECRET)
                    .doesNotContain("AKIA-test");
        });
        assertThatThrownBy(() -> store.put(new ObjectRef("fusion-outputs", "a.png"), new byte[] {1}, "image/png", "j"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
        assertThatThrownBy(store::checkReachable).isInstanceOf(StorageException.class);
    }

    @Test
    void policyIsCheckedBeforeAnyNetworkCall() throws IOException {
        MinioObjectStore store = new MinioObjectStore(config("http://127.0.0.1:" + closedPort()));
        assertThatThrownBy(() -> store.get(new ObjectRef("other", "a.png")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.BUCKET_NOT_ALLOWED));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static StorageConfig config(String endpoint) {
        return TestStorageConfig.of(endpoint, "AKIA-test", SECRET, 1 << 20);
    }
}
