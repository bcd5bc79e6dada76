package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the broker on the real services: a job's output goes only to an output bucket and never onto an
 * object the job did not write; a violation ends the job FAILED with a stable code and leaves the object as
 * it was. A redelivered job may replace its own output.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class OutputProtectionTest {

    private static final byte[] FOREIGN = {'n', 'o', 't', ' ', 'y', 'o', 'u', 'r', 's'};

    private static ServiceEndpoints services;
    private static MinioClient minio;
    private static RecordLog deadLetters;

    @Inject
    JobService jobs;

    @BeforeAll
    static void connect() {
        services = LocalServices.shared();
        minio = services.minioClient();
        deadLetters = RecordLog.tail(services, ServiceEndpoints.DEAD_LETTER_TOPIC);
    }

    @Test
    void outputOntoASourceInTheInputBucketIsRefused() throws Exception {
        // Given a job whose output names its own infrared source
        String id = jobId("onto-source");
        byte[] irBytes = Pictures.png(Pictures.infrared(64, 64));
        String ir = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/ir.png", irBytes);
        String vis = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)));
        send(id, withOutput(id, ir, vis, ServiceEndpoints.INPUT_BUCKET, ir));
        // Then it fails with OUTPUT_NOT_ALLOWED and the source is untouched
        assertFailed(id, FailureCode.OUTPUT_NOT_ALLOWED, "fusion-inputs/" + ir);
        assertThat(read(ServiceEndpoints.INPUT_BUCKET, ir)).containsExactly(irBytes);
    }

    @Test
    void outputOntoAnObjectTheJobDidNotWriteIsRefused() throws Exception {
        // Given an output key that already holds someone else's object
        String id = jobId("onto-foreign");
        String taken = put(ServiceEndpoints.OUTPUT_BUCKET, "it/" + id + "/taken.png", FOREIGN);
        String ir = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/ir.png", Pictures.png(Pictures.infrared(64, 64)));
        String vis = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)));
        send(id, withOutput(id, ir, vis, ServiceEndpoints.OUTPUT_BUCKET, taken));
        // Then the job fails with OUTPUT_EXISTS, is dead-lettered, and the object keeps its bytes
        assertFailed(id, FailureCode.OUTPUT_EXISTS, "fusion-outputs/" + taken);
        assertThat(read(ServiceEndpoints.OUTPUT_BUCKET, taken)).containsExactly(FOREIGN);
    }

    @Test
    void aRedeliveredJobReplacesItsOwnOutput() throws Exception {
        // Given a job that succeeded and wrote its output
        String id = jobId("own");
        String ir = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/ir.png", Pictures.png(Pictures.infrared(64, 64)));
        String vis = put(ServiceEndpoints.INPUT_BUCKET, "it/" + id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)));
        String request = FusionEndToEndTest.request(id, ir, vis);
        send(id, request);
        assertThat(awaitFinal(id).status).isEqualTo(JobStatus.SUCCEEDED);
        // When it is recorded as failed for a retryable reason (as after an exhausted outage) and redelivered
        try (Connection db = services.openDatabaseConnection(); PreparedStatement update = db.prepareStatement(
                "UPDATE fusion_job SET status = 'FAILED', error_code = 'STORAGE_UNAVAILABLE' WHERE job_id = ?")) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        send(id, request);
        // Then the second run writes over its own output and succeeds
        FusionJob again = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(id).orElseThrow(), job -> job.attempts == 2 && !job.status.inProgress());
        assertThat(again.status).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(minio.statObject(StatObjectArgs.builder().bucket(again.outputBucket).object(again.outputKey).build())
                .userMetadata().getFirst("fusion-job-id")).isEqualTo(id);
    }

    private void assertFailed(String id, FailureCode code, String object) {
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorCode).isEqualTo(code);
        assertThat(job.errorMessage).contains(id).contains(object);
        var dead = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.withKey(id), list -> !list.isEmpty());
        assertThat(RecordLog.header(dead.get(0), "fusion-error-code")).isEqualTo(code.name());
    }

    private FusionJob awaitFinal(String id) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(id).orElse(null), job -> job != null && !job.status.inProgress());
    }

    private static String withOutput(String id, String ir, String vis, String bucket, String key) {
        String request = FusionEndToEndTest.request(id, ir, vis);
        return request.substring(0, request.length() - 1)
                + ",\"output\":{\"bucket\":\"%s\",\"key\":\"%s\"}}".formatted(bucket, key);
    }

    private static String jobId(String what) {
        return "out-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String put(String bucket, String key, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key).data(bytes, bytes.length).build());
        return key;
    }

    private static byte[] read(String bucket, String key) throws Exception {
        try (var in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static void send(String key, String value) throws Exception {
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
        }
    }
}
