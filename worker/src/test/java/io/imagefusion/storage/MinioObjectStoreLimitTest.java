package io.imagefusion.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.PutObjectArgs;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the real object store: the size limit is applied from the response head, before the body is read. */
class MinioObjectStoreLimitTest {

    private static final int LIMIT = 1000;

    private final ServiceEndpoints services = LocalServices.shared();
    private final MinioObjectStore store = new MinioObjectStore(TestStorageConfig.of(services, LIMIT));

    @Test
    void objectUpToTheLimitIsReadWhole() throws Exception {
        byte[] bytes = new byte[LIMIT];
        bytes[LIMIT - 1] = 42;
        ObjectRef ref = upload(bytes);
        assertThat(store.get(ref)).containsExactly(bytes);
    }

    @Test
    void objectAboveTheLimitIsTooLarge() throws Exception {
        ObjectRef ref = upload(new byte[LIMIT + 1]);
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.TOO_LARGE);
            assertThat(e.getMessage()).contains(ref.toString()).contains("1001 bytes, above the limit of 1000");
        });
    }

    @Test
    void missingObjectIsNotFound() {
        ObjectRef ref = new ObjectRef(ServiceEndpoints.INPUT_BUCKET, "it/limit/" + UUID.randomUUID() + "/none.png");
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    private ObjectRef upload(byte[] bytes) throws Exception {
        ObjectRef ref = new ObjectRef(ServiceEndpoints.INPUT_BUCKET, "it/limit/" + UUID.randomUUID() + "/object.bin");
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                .data(bytes, bytes.length).build());
        return ref;
    }
}
