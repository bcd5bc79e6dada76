package io.imagefusion.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.GetObjectArgs;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Against the real object store: an output goes only to an output bucket, and never onto an object that its
 * job did not write; a job may replace its own earlier output (a redelivered job).
 */
class MinioObjectStoreWriteTest {

    private static final byte[] FIRST = {1, 2, 3};
    private static final byte[] SECOND = {4, 5, 6, 7};

    private final ServiceEndpoints services = LocalServices.shared();
    private final MinioObjectStore store = new MinioObjectStore(TestStorageConfig.of(services, 1 << 20));

    @Test
    void newKeyIsWrittenWithItsOwnerMark() throws Exception {
        ObjectRef ref = output();
        store.put(ref, FIRST, "image/png", "job-a");
        assertThat(read(ref)).containsExactly(FIRST);
        assertThat(services.minioClient().statObject(StatObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                .build()).userMetadata().getFirst(OwnerMark.KEY)).isEqualTo("job-a");
    }

    @Test
    void aJobReplacesItsOwnOutput() throws Exception {
        ObjectRef ref = output();
        store.put(ref, FIRST, "image/png", "job-a");
        store.put(ref, SECOND, "image/png", "job-a");
        assertThat(read(ref)).containsExactly(SECOND);
    }

    @Test
    void anotherJobsOutputIsLeftAlone() throws Exception {
        ObjectRef ref = output();
        store.put(ref, FIRST, "image/png", "job-a");
        assertThatThrownBy(() -> store.put(ref, SECOND, "image/png", "job-b"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.OCCUPIED);
                    assertThat(e.getMessage()).contains(ref.toString()).contains("job job-b did not write");
                });
        assertThat(read(ref)).containsExactly(FIRST);
    }

    @Test
    void anObjectUploadedByAnyoneElseIsLeftAlone() throws Exception {
        ObjectRef ref = output();
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                .data(FIRST, FIRST.length).build());
        assertThatThrownBy(() -> store.put(ref, SECOND, "image/png", "job-a"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.OCCUPIED));
        assertThat(read(ref)).containsExactly(FIRST);
    }

    @Test
    void theServerEnforcesTheConditionWhenAWriterRacesUs() throws Exception {
        // Given an object that appeared after our stat found the key free, the conditional put must fail
        ObjectRef ref = output();
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                .data(FIRST, FIRST.length).build());
        assertThatThrownBy(() -> store.putConditionally(ref, SECOND, "image/png", "job-a", "If-None-Match", "*"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.OCCUPIED));
        assertThat(read(ref)).containsExactly(FIRST);
    }

    @Test
    void theInputBucketIsNeverWritten() throws Exception {
        ObjectRef source = new ObjectRef(ServiceEndpoints.INPUT_BUCKET, "it/write/" + UUID.randomUUID() + "/ir.png");
        services.minioClient().putObject(PutObjectArgs.builder().bucket(source.bucket()).object(source.key())
                .data(FIRST, FIRST.length).build());
        assertThatThrownBy(() -> store.put(source, SECOND, "image/png", "job-a"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.OUTPUT_NOT_ALLOWED));
        assertThat(read(source)).containsExactly(FIRST);
    }

    private static ObjectRef output() {
        return new ObjectRef(ServiceEndpoints.OUTPUT_BUCKET, "it/write/" + UUID.randomUUID() + "/fused.png");
    }

    private byte[] read(ObjectRef ref) throws Exception {
        try (var in = services.minioClient().getObject(GetObjectArgs.builder().bucket(ref.bucket()).object(ref.key())
                .build())) {
            return in.readAllBytes();
        }
    }
}
