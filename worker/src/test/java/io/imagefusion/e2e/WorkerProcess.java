package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.testsupport.ServiceEndpoints;
import io.imagefusion.testsupport.ShippedModel;
import io.imagefusion.testsupport.TestTokens;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The packaged worker ({@code target/quarkus-app/quarkus-run.jar}) as a separate process against the real
 * services, with its worker id {@code <name>} and a log beside the jar; for tests that kill or stop it. Also the
 * plain clients those tests feed it with.
 */
final class WorkerProcess {

    private static final Path JAR = Path.of(System.getProperty("fusion.worker.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A worker that verifies {@link TestTokens}.
     *
     * @param settings system properties on top of the shipped configuration, e.g. a topic or a concurrency
     */
    static WorkerProcess start(ServiceEndpoints services, String name, Map<String, String> settings) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(TestTokens.workerSettings());
        all.putAll(settings);
        return startWith(services, name, all);
    }

    /** A worker with only the shipped configuration and {@code settings}: no key unless they name one. */
    static WorkerProcess startWith(ServiceEndpoints services, String name, Map<String, String> settings)
            throws IOException {
        assertThat(JAR).as("run 'mvn package' first").exists();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dfusion.jobs.worker-id=" + name,
                "-Dfusion.inference.provider=cpu",
                "-Dfusion.inference.model-path=" + ShippedModel.ONNX.toAbsolutePath()));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Path log = log(name);
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(services.environment());
        return new WorkerProcess(builder.start(), port);
    }

    /** The worker's output: {@code target/worker-<name>.log}. */
    static Path log(String name) {
        return JAR.getParent().getParent().resolve("worker-" + name + ".log");
    }

    /** The worker's base URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Ready: migrations applied, model loaded, consumer connected. */
    boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(
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

    /** Waits up to {@code timeout} for the process to end by itself; its exit code, or empty while it runs. */
    OptionalInt exitCode(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook runs, the consumer leaves no group, the job's heartbeat just stops. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, the way an orchestrator stops it. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGTERM, then up to {@code timeout} for the process to end on its own (a graceful stop drains first). */
    boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout, unit);
    }

    /** Publishes a request straight to the requests topic, as another service would. */
    static RecordMetadata publish(ServiceEndpoints services, String key, String value) throws Exception {
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
        }
    }

    /** Uploads a source to the input bucket under {@code it/}; returns its key. */
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
