package io.imagefusion.e2e;

import static io.imagefusion.e2e.JobRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while two jobs run (a rollout, {@code scripts/demo.sh --stop}): the jobs finish within the drain time,
 * or are handed back uncommitted and finished by the next worker; never FAILED, never dead-lettered, never left
 * RUNNING. Runs the packaged worker as separate processes.
 */
class GracefulStopIT {

    private static final String GROUP = "fusion-worker";
    /** A quick takeover, as in WorkerRestartIT; the consumer's session timeout is the shipped one. */
    private static final Map<String, String> QUICK = Map.of(
            "fusion.jobs.heartbeat-interval", "1s",
            "fusion.jobs.takeover-after", "5s");

    private static ServiceEndpoints services;
    private static RecordLog results;
    private static RecordLog deadLetters;

    @BeforeAll
    static void connect() {
        services = LocalServices.shared();
        results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        deadLetters = RecordLog.tail(services, ServiceEndpoints.DEAD_LETTER_TOPIC);
    }

    @Test
    void runningJobsFinishAndAreCommittedWithinTheDrainTime() throws Exception {
        // Given a worker running two jobs
        WorkerProcess worker = WorkerProcess.start(services, "drain", with("fusion.jobs.drain-timeout", "5m"));
        List<Submitted> jobs = twoRunningJobs(worker, "drain");

        // When it gets SIGTERM
        stop(worker);

        // Then both jobs finished on it, once, and their requests are committed (no redelivery will come)
        for (Submitted job : jobs) {
            JobRows.Row row = row(services, job.id());
            assertThat(row.status()).as(job.id()).isEqualTo("SUCCEEDED");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(committed(job.record())).as("committed offset of " + job.id()).isGreaterThan(job.record().offset());
            await().atMost(Duration.ofSeconds(30)).until(() -> results.withKey(job.id()).size() == 1);
            assertThat(deadLetters.withKey(job.id())).isEmpty();
        }
        assertThat(Files.readString(WorkerProcess.log("drain"))).contains("every running job finished");
    }

    @Test
    void jobsStillRunningAtTheDrainTimeAreHandedBackAndFinishedOnceByTheNextWorker() throws Exception {
        // Given a worker with a drain time far shorter than its two running jobs
        WorkerProcess worker = WorkerProcess.start(services, "hand-back", with("fusion.jobs.drain-timeout", "1s"));
        List<Submitted> jobs = twoRunningJobs(worker, "back");

        // When it gets SIGTERM, then both jobs are back in the queue, uncommitted, and nothing failed
        stop(worker);
        for (Submitted job : jobs) {
            assertThat(row(services, job.id()).status()).as(job.id()).isEqualTo("QUEUED");
            assertThat(committed(job.record())).as("committed offset of " + job.id()).isLessThanOrEqualTo(job.record().offset());
        }

        // and the next worker gets them redelivered and finishes each once
        WorkerProcess next = WorkerProcess.start(services, "after-hand-back", QUICK);
        try {
            for (Submitted job : jobs) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> "SUCCEEDED".equals(row(services, job.id()).status()));
                assertThat(row(services, job.id()).attempts()).isEqualTo(2);
                assertThat(row(services, job.id()).workerId()).isEqualTo("after-hand-back");
            }
            Thread.sleep(2000);
        } finally {
            stop(next);
        }
        for (Submitted job : jobs) {
            assertThat(results.withKey(job.id())).hasSize(1);
            assertThat(deadLetters.withKey(job.id())).isEmpty();
        }
    }

    private record Submitted(String id, RecordMetadata record) {
    }

    /** Two jobs of 1024 x 768 (two tiles each, seconds of inference), both claimed by the worker. */
    private static List<Submitted> twoRunningJobs(WorkerProcess worker, String prefix) throws Exception {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(worker::ready);
        List<Submitted> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            String irKey = WorkerProcess.upload(services.minioClient(), id + "/ir.png",
                    Pictures.png(Pictures.infrared(1024, 768)));
            String visKey = WorkerProcess.upload(services.minioClient(), id + "/vis.png",
                    Pictures.png(Pictures.visibleGrey(1024, 768)));
            jobs.add(new Submitted(id, WorkerProcess.publish(services, id, FusionEndToEndTest.request(id, irKey, visKey))));
        }
        for (Submitted job : jobs) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "RUNNING".equals(row(services, job.id()).status()));
        }
        return jobs;
    }

    /** SIGTERM, and wait for the process to end on its own. */
    private static void stop(WorkerProcess worker) throws InterruptedException {
        assertThat(worker.stop(6, TimeUnit.MINUTES)).as("worker exited").isTrue();
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new java.util.HashMap<>(QUICK);
        settings.put(key, value);
        return settings;
    }

    /** The worker group's committed offset of the record's partition; -1 when none. */
    private static long committed(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(services.kafkaClientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(record.topic(), record.partition()));
            return offset == null ? -1 : offset.offset();
        }
    }
}
