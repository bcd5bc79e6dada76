package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Measures crash recovery with the shipped settings: two workers share a request topic; worker A runs a long
 * job and has a request queued behind it on the same partition (A takes one job at a time); A is killed with
 * SIGKILL. Measured from the kill: when worker B finishes the queued job, and when it finishes the taken-over
 * one. The bound is the consumer's {@code session.timeout.ms}: only then does the broker give A's partition
 * to B. {@code -Dfusion.recovery.rounds=N} repeats the kill N times (scripts/measure-recovery.sh); each round's
 * figures are printed and appended to {@code target/crash-recovery.txt}.
 */
class CrashRecoveryIT {

    private static final Path REPORT = Path.of(System.getProperty("fusion.worker.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath().getParent().getParent().resolve("crash-recovery.txt");
    /**
     * Above the session timeout: the rebalance after it, the next heartbeat of B, and the small job itself.
     * 15 s: on the 2-core machine at load average 10-14 (the full suite beside other builds) the queued job
     * finished 24.6 s after the kill, against 15-18 s when the machine is quieter; the old 45 s stays far out.
     */
    private static final Duration SLACK = Duration.ofSeconds(15);

    private final ServiceEndpoints services = LocalServices.shared();
    private final String topic = "recovery-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void queuedJobOfAKilledWorkerFinishesOnAnotherWorkerWithinTheSessionTimeout() throws Exception {
        Duration sessionTimeout = Duration.ofMillis(Long.parseLong(shippedSetting(
                "mp.messaging.incoming.fusion-requests.session.timeout.ms")));
        int rounds = Integer.getInteger("fusion.recovery.rounds", 1);
        try (Admin admin = Admin.create(services.kafkaClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            WorkerProcess b = WorkerProcess.start(services, topic + "-b", settings("b", 2));
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(b::ready);
                for (int round = 1; round <= rounds; round++) {
                    Result result = round(admin, round);
                    String line = "%s round %d/%d: session.timeout.ms=%d; kill -9 -> queued job picked up %.1f s, finished %.1f s; running job finished %.1f s (attempt 2 on B)"
                            .formatted(topic, round, rounds, sessionTimeout.toMillis(), result.queuedStarted(),
                                    result.queuedFinished(), result.runningFinished());
                    System.out.println(line);
                    Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    assertThat(result.queuedFinished()).as("queued job finished, seconds after the kill")
                            .isLessThan(sessionTimeout.plus(SLACK).toMillis() / 1000.0);
                }
            } finally {
                b.stop();
            }
        }
    }

    /** One kill of a fresh worker A; times in seconds from the kill. */
    private Result round(Admin admin, int round) throws Exception {
        String a = topic + "-a" + round;
        WorkerProcess workerA = WorkerProcess.start(services, a, settings("a" + round, 1));
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(workerA::ready);
            // wait for the group to settle with one partition each, and find A's
            int partitionOfA = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> partitionOf(admin, a), p -> p >= 0);
            String running = jobId("running");
            String queued = jobId("queued");
            // the long job: inference takes seconds on a CPU
            send(running, partitionOfA, request(running, 1024, 768));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> JobRows.row(services, running), row -> "RUNNING".equals(row.status()));
            send(queued, partitionOfA, request(queued, 64, 64));
            Thread.sleep(1000);
            assertThat(JobRows.row(services, queued).status()).as("A runs one job at a time").isNull();

            long killed = System.nanoTime();
            workerA.kill();
            double queuedStarted = awaitStatus(queued, killed, "RUNNING", "SUCCEEDED");
            double queuedFinished = awaitStatus(queued, killed, "SUCCEEDED");
            double runningFinished = awaitStatus(running, killed, "SUCCEEDED");
            assertThat(JobRows.row(services, queued).workerId()).isEqualTo(topic + "-b");
            JobRows.Row takenOver = JobRows.row(services, running);
            assertThat(takenOver.workerId()).isEqualTo(topic + "-b");
            assertThat(takenOver.attempts()).isEqualTo(2);
            return new Result(queuedStarted, queuedFinished, runningFinished);
        } finally {
            workerA.kill();
        }
    }

    private record Result(double queuedStarted, double queuedFinished, double runningFinished) {
    }

    /** Seconds from {@code since} until the job's status is one of {@code statuses}, polled every 100 ms. */
    private double awaitStatus(String id, long since, String... statuses) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> JobRows.row(services, id).status(), status -> status != null && List.of(statuses).contains(status));
        return (System.nanoTime() - since) / 1e9;
    }

    /** The partition of {@code fusion.requests}'s stand-in assigned to the worker, once each member has one. */
    private int partitionOf(Admin admin, String worker) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(topic)).all().get().get(topic);
        Collection<MemberDescription> members = group.members();
        List<Integer> ofWorker = new ArrayList<>();
        for (MemberDescription member : members) {
            if (member.assignment().topicPartitions().size() != 1) {
                return -1;
            }
            if (member.clientId().startsWith(worker)) {
                member.assignment().topicPartitions().stream().map(TopicPartition::partition).forEach(ofWorker::add);
            }
        }
        return members.size() == 2 && ofWorker.size() == 1 ? ofWorker.get(0) : -1;
    }

    /** A worker on this test's own topic and group, with its own Kafka client id; everything else as shipped. */
    private Map<String, String> settings(String suffix, int concurrency) {
        return Map.of(
                "mp.messaging.incoming.fusion-requests.topic", topic,
                "mp.messaging.incoming.fusion-requests.group.id", topic,
                "mp.messaging.incoming.fusion-requests.client.id", topic + "-" + suffix,
                "fusion.jobs.concurrency", Integer.toString(concurrency));
    }

    private String request(String id, int width, int height) throws Exception {
        String ir = WorkerProcess.upload(services.minioClient(), id + "/ir.png", Pictures.png(Pictures.infrared(width, height)));
        String vis = WorkerProcess.upload(services.minioClient(), id + "/vis.png",
                Pictures.png(Pictures.visibleGrey(width, height)));
        return FusionEndToEndTest.request(id, ir, vis);
    }

    private void send(String key, int partition, String value) throws Exception {
        Properties config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        }
    }

    private static String jobId(String what) {
        return "recovery-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String shippedSetting(String key) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        return shipped.getProperty(key);
    }
}
