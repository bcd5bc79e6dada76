package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.testsupport.ServiceEndpoints;
import io.imagefusion.testsupport.ShippedModel;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as a separate process on the shared
 * services, for tests that kill or stop it; and the plain clients those tests read the outcome with.
 */
final class PackagedWorker {

    private static final Path JAR = Path.of(System.getProperty("fusion.worker.jar", "target/quarkus-app/quarkus-run.jar"));

    /** A job row as the tests read it straight from the database. */
    record Row(String status, int attempts, String workerId, String outputBucket, String outputKey) {
    }

    private final Process process;
    private final int port;

    private PackagedWorker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a worker with id {@code restart-<name>} and quick heartbeats; {@code extra} are more -D options. */
    static PackagedWorker start(ServiceEndpoints services, String name, String... extra) throws IOException {
        assertThat(JAR).as("run 'mvn package' first").exists();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dfusion.jobs.worker-id=restart-" + name,
                "-Dfusion.jobs.heartbeat-interval=1s",
                "-Dfusion.jobs.takeover-after=5s",
                "-Dfusion.inference.provider=cpu",
                "-Dfusion.inference.model-path=" + ShippedModel.ONNX.toAbsolutePath(),
                // the dead consumer's partitions move to the new one after this, instead of the default 45 s
                "-Dmp.messaging.incoming.fusion-requests.session.timeout.ms=10000"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        builder.environment().putAll(services.environment());
        return new PackagedWorker(builder.start(), port);
    }

    Process process() {
        return process;
    }

    static Path log(String name) {
        return JAR.getParent().getParent().resolve("worker-restart-" + name + ".log");
    }

    /** Migrations applied, model loaded, consumer connected. */
    boolean ready() {
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

    static Row row(ServiceEndpoints services, String id) throws Exception {
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

    static RecordMetadata publish(ServiceEndpoints services, String key, String value) throws Exception {
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
        }
    }

    static String upload(MinioClient minio, String key, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object("it/" + key)
                .data(bytes, bytes.length).build());
        return "it/" + key;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
