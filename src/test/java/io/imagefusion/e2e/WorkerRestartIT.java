package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.imagefusion.testsupport.ShippedModel;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Given a worker killed with SIGKILL while a job is RUNNING, when a new worker starts, then the request is
 * redelivered, the new worker takes the job over (its heartbeat stopped) and completes it exactly once.
 * Runs the packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as separate processes.
 */
class WorkerRestartIT {

    private static final Path JAR = Path.of(System.getProperty("fusion.worker.jar", "target/quarkus-app/quarkus-run.jar"));

    @Test
    void jobOfAKilledWorkerCompletesOnceOnTheNextWorker() throws Exception {
        ServiceEndpoints services = LocalServices.shared();
        RecordLog results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        // big enough that inference takes seconds on a CPU
        String irKey = upload(services.minioClient(), id + "/ir.png", Pictures.png(Pictures.infrared(1024, 768)));
        String visKey = upload(services.minioClient(), id + "/vis.png", Pictures.png(Pictures.visibleGrey(1024, 768)));

        int port = freePort();
        Process first = startWorker(services, "first", port);
        try {
            // ready = migrations applied, model loaded, consumer connected
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> ready(port));
            publish(services, id, FusionEndToEndTest.request(id, irKey, visKey));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "RUNNING".equals(row(services, id).status()));
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        assertThat(row(services, id).status()).isEqualTo("RUNNING");
        assertThat(row(services, id).workerId()).isEqualTo("restart-first");

        Process second = startWorker(services, "second", freePort());
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "SUCCEEDED".equals(row(services, id).status()));
            Thread.sleep(3000);
        } finally {
            second.destroy();
            second.waitFor();
        }
        Row done = row(services, id);
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

    private record Row(String status, int attempts, String workerId, String outputBucket, String outputKey) {
    }

    private static Row row(ServiceEndpoints services, String id) throws Exception {
        try (Connection db = services.openDatabaseConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT status, attempts, worker_id, output_bucket, output_key FROM fusion_job WHERE job_id = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5))
                        : new Row(null, 0, null, null, null);
            }
        }
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process startWorker(ServiceEndpoints services, String name, int port) throws IOException {
        assertThat(JAR).as("run 'mvn package' first").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dfusion.jobs.worker-id=restart-" + name,
                "-Dfusion.jobs.heartbeat-interval=1s",
                "-Dfusion.jobs.takeover-after=5s",
                "-Dfusion.inference.provider=cpu",
                "-Dfusion.inference.model-path=" + ShippedModel.ONNX.toAbsolutePath(),
                // the dead consumer's partitions move to the new one after this, instead of the default 45 s
                "-Dmp.messaging.incoming.fusion-requests.session.timeout.ms=10000",
                "-jar", JAR.toAbsolutePath().toString()));
        Path log = JAR.getParent().getParent().resolve("worker-restart-" + name + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(services.environment());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void publish(ServiceEndpoints services, String key, String value) throws Exception {
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
        }
    }

    private static String upload(MinioClient minio, String key, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object("it/" + key)
                .data(bytes, bytes.length).build());
        return "it/" + key;
    }
}
