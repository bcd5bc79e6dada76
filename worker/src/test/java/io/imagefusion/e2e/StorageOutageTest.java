package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.PutObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transient failures: retried with backoff, not reported FAILED while retries remain, bounded when they last. */
@QuarkusTest
@TestProfile(StorageOutageTest.Outage.class)
class StorageOutageTest {

    /** The object store fails on demand (see {@link FlakyObjectStore}). */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FlakyObjectStore.class);
        }
    }

    private static ServiceEndpoints services;
    private static RecordLog results;
    private static RecordLog deadLetters;

    @Inject
    JobService jobs;

    @Inject
    FlakyObjectStore store;

    @BeforeAll
    static void connect() {
        services = LocalServices.shared();
        results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        deadLetters = RecordLog.tail(services, ServiceEndpoints.DEAD_LETTER_TOPIC);
    }

    @Test
    void shortOutageIsRiddenOutAndTheJobSucceedsOnce() throws Exception {
        // Given the infrared object is unreadable for the first two tries
        String id = "outage-short-" + UUID.randomUUID().toString().substring(0, 8);
        String irKey = upload(id + "/outage-2-ir.png", Pictures.png(Pictures.infrared(64, 64)));
        send(id, FusionEndToEndTest.request(id, irKey, upload(id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)))));
        // Then the job succeeds on the third try without ever being reported FAILED
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.attempts).isEqualTo(1);
        assertThat(store.failuresServed(irKey)).isEqualTo(2);
        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> results.withKey(id), list -> !list.isEmpty());
        Thread.sleep(500);
        assertThat(results.withKey(id)).hasSize(1);
        assertThat(new ObjectMapper().readTree(events.get(0).value()).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(deadLetters.withKey(id)).isEmpty();
    }

    @Test
    void lastingOutageEndsRetryableFailedAndDeadLettered() throws Exception {
        String id = "outage-long-" + UUID.randomUUID().toString().substring(0, 8);
        String irKey = upload(id + "/outage-forever-ir.png", Pictures.png(Pictures.infrared(64, 64)));
        send(id, FusionEndToEndTest.request(id, irKey, upload(id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64)))));
        // while retries remain the job stays RUNNING
        await().atMost(Duration.ofSeconds(30)).until(() -> store.failuresServed(irKey) >= 2);
        assertThat(jobs.find(id).orElseThrow().status).isEqualTo(JobStatus.RUNNING);
        // when they are exhausted (fusion.jobs.retry.max-attempts) the job fails with the retryable code
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorCode).isEqualTo(FailureCode.STORAGE_UNAVAILABLE);
        assertThat(store.failuresServed(irKey)).isEqualTo(5);
        JsonNode event = new ObjectMapper().readTree(await().atMost(Duration.ofSeconds(30))
                .until(() -> results.withKey(id), list -> !list.isEmpty()).get(0).value());
        assertThat(event.get("error").get("retryable").asBoolean()).isTrue();
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.withKey(id), list -> !list.isEmpty()).get(0);
        assertThat(RecordLog.header(dead, "fusion-error-code")).isEqualTo("STORAGE_UNAVAILABLE");
    }

    private FusionJob awaitFinal(String id) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(id).orElse(null), job -> job != null && !job.status.inProgress());
    }

    private static String upload(String key, byte[] bytes) throws Exception {
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET)
                .object("it/" + key).data(bytes, bytes.length).build());
        return "it/" + key;
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
