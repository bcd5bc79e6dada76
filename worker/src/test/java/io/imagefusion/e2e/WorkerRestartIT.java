package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.StatObjectArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Given a worker killed with SIGKILL while a job is RUNNING, when a new worker starts, then the request is
 * redelivered, the new worker takes the job over (its heartbeat stopped) and completes it exactly once.
 * Runs the packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as separate processes.
 */
class WorkerRestartIT {

    /** A quick takeover; the consumer's session timeout is the shipped one. */
    private static final Map<String, String> SETTINGS = Map.of(
            "fusion.jobs.heartbeat-interval", "1s",
            "fusion.jobs.takeover-after", "5s");

    @Test
    void jobOfAKilledWorkerCompletesOnceOnTheNextWorker() throws Exception {
        ServiceEndpoints services = LocalServices.shared();
        RecordLog results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        // big enough that inference takes seconds on a CPU
        String irKey = WorkerProcess.upload(services.minioClient(), id + "/ir.png", Pictures.png(Pictures.infrared(1024, 768)));
        String visKey = WorkerProcess.upload(services.minioClient(), id + "/vis.png", Pictures.png(Pictures.visibleGrey(1024, 768)));

        WorkerProcess first = WorkerProcess.start(services, "restart-first", SETTINGS);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(first::ready);
            WorkerProcess.publish(services, id, FusionEndToEndTest.request(id, irKey, visKey));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "RUNNING".equals(JobRows.row(services, id).status()));
        } finally {
            first.kill();
        }
        assertThat(JobRows.row(services, id).status()).isEqualTo("RUNNING");
        assertThat(JobRows.row(services, id).workerId()).isEqualTo("restart-first");

        WorkerProcess second = WorkerProcess.start(services, "restart-second", SETTINGS);
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "SUCCEEDED".equals(JobRows.row(services, id).status()));
            Thread.sleep(3000);
        } finally {
            second.stop();
        }
        JobRows.Row done = JobRows.row(services, id);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.workerId()).isEqualTo("restart-second");
        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> results.withKey(id), list -> !list.isEmpty());
        assertThat(events).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(events.get(0).value());
        assertThat(event.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(event.get("attempts").asInt()).isEqualTo(2);
        assertThat(services.minioClient().statObject(StatObjectArgs.builder().bucket(done.outputBucket())
                .object(done.outputKey()).build()).size()).isPositive();
    }
}
