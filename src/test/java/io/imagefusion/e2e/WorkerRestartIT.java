package io.imagefusion.e2e;

import static io.imagefusion.e2e.PackagedWorker.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.StatObjectArgs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Given a worker killed with SIGKILL while a job is RUNNING, when a new worker starts, then the request is
 * redelivered, the new worker takes the job over (its heartbeat stopped) and completes it exactly once.
 * Runs the packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as separate processes.
 */
class WorkerRestartIT {

    @Test
    void jobOfAKilledWorkerCompletesOnceOnTheNextWorker() throws Exception {
        ServiceEndpoints services = LocalServices.shared();
        RecordLog results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        // big enough that inference takes seconds on a CPU
        String irKey = PackagedWorker.upload(services.minioClient(), id + "/ir.png", Pictures.png(Pictures.infrared(1024, 768)));
        String visKey = PackagedWorker.upload(services.minioClient(), id + "/vis.png", Pictures.png(Pictures.visibleGrey(1024, 768)));

        PackagedWorker first = PackagedWorker.start(services, "first");
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(first::ready);
            PackagedWorker.publish(services, id, FusionEndToEndTest.request(id, irKey, visKey));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "RUNNING".equals(row(services, id).status()));
        } finally {
            first.process().destroyForcibly();
            first.process().waitFor();
        }
        assertThat(row(services, id).status()).isEqualTo("RUNNING");
        assertThat(row(services, id).workerId()).isEqualTo("restart-first");

        PackagedWorker second = PackagedWorker.start(services, "second");
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "SUCCEEDED".equals(row(services, id).status()));
            Thread.sleep(3000);
        } finally {
            second.process().destroy();
            second.process().waitFor();
        }
        PackagedWorker.Row done = row(services, id);
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
