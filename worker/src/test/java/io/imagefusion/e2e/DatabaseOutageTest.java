package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.PutObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL outage between the upload and the final database write: only that write is retried, the
 * pipeline (download, inference, upload) runs once.
 */
@QuarkusTest
@TestProfile(StorageOutageTest.Outage.class)
class DatabaseOutageTest {

    @Inject
    JobService jobs;

    @Inject
    FlakyObjectStore store;

    @Test
    void databaseDownAfterTheUploadRetriesOnlyTheDatabaseWrite() throws Exception {
        ServiceEndpoints services = LocalServices.shared();
        // Given a job whose upload is followed by a database outage longer than one step's retries
        String id = "pg-down-" + UUID.randomUUID().toString().substring(0, 8);
        String ir = upload(services, "it/" + id + "/ir.png", Pictures.png(Pictures.infrared(64, 64)));
        String vis = upload(services, "it/" + id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)));
        String output = "it/" + id + "/" + FlakyObjectStore.DATABASE_DOWN_AFTER_UPLOAD + ".png";
        String request = FusionEndToEndTest.request(id, ir, vis);
        send(services, id, request.substring(0, request.length() - 1)
                + ",\"output\":{\"bucket\":\"fusion-outputs\",\"key\":\"" + output + "\"}}");
        // Then the job succeeds once the database is back, with one download, one upload and one attempt
        FusionJob job = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> jobs.find(id).orElse(null), found -> found != null && !found.status.inProgress());
        store.awaitDatabaseBack();
        assertThat(job.status).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.attempts).isEqualTo(1);
        assertThat(job.outputKey).isEqualTo(output);
        assertThat(store.writes(output)).isEqualTo(1);
        assertThat(store.reads(ir)).isEqualTo(1);
        assertThat(store.reads(vis)).isEqualTo(1);
    }

    private static String upload(ServiceEndpoints services, String key, byte[] bytes) throws Exception {
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object(key)
                .data(bytes, bytes.length).build());
        return key;
    }

    private static void send(ServiceEndpoints services, String key, String value) throws Exception {
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
        }
    }
}
