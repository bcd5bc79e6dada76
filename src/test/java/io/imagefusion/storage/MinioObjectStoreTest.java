package io.imagefusion.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
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
        assertThatThrownBy(() -> store.put(new ObjectRef("fusion-outputs", "a.png"), new byte[] {1}, "image/png"))
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
        return new StorageConfig() {
            public String endpoint() {
                return endpoint;
            }

            public String accessKey() {
                return "AKIA-test";
            }

            public String secretKey() {
                return SECRET;
            }

            public String region() {
                return "us-east-1";
            }

            public Set<String> allowedBuckets() {
                return Set.of("fusion-inputs", "fusion-outputs");
            }

            public long maxObjectBytes() {
                return 1 << 20;
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
