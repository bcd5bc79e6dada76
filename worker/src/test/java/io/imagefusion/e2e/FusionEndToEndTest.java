package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.imagefusion.imaging.Bt601;
import io.imagefusion.imaging.ImageDecoder;
import io.imagefusion.imaging.ImageEncoder;
import io.imagefusion.imaging.ImageLimits;
import io.imagefusion.imaging.Planes;
import io.imagefusion.inference.FusionModel;
import io.imagefusion.inference.FusionOutput;
import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.RepositoryRoot;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the broker on real Kafka, PostgreSQL and MinIO: requests in on {@code fusion.requests}, images from
 * and to the object store, job rows, result events and dead letters.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class FusionEndToEndTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema RESULT_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(RepositoryRoot.resolve("schemas/fusion-result.v1.schema.json").toUri());

    private static ServiceEndpoints services;
    private static MinioClient minio;
    private static KafkaProducer<String, String> producer;
    private static RecordLog results;
    private static RecordLog deadLetters;

    @Inject
    FusionModel model;

    @Inject
    JobService jobs;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        services = LocalServices.shared();
        minio = services.minioClient();
        var config = services.kafkaClientConfig();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
        results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
        deadLetters = RecordLog.tail(services, ServiceEndpoints.DEAD_LETTER_TOPIC);
    }

    @Test
    void greyPairIsFusedLikeADirectModelRun() throws Exception {
        // Given a registered grey pair of odd size in the input bucket
        String id = jobId("grey");
        byte[] ir = Pictures.png(Pictures.infrared(97, 80));
        byte[] vis = Pictures.png(Pictures.visibleGrey(97, 80));
        // When it is requested through Kafka
        send(id, request(id, upload(id, "ir.png", ir), upload(id, "vis.png", vis)));
        // Then the job succeeds once, with a result event, and the output equals the model's own output
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.attempts).isEqualTo(1);
        assertThat(job.outputKey).isEqualTo("jobs/" + id + "/fused.png");
        assertThat(job.inferenceMs).isNotNull();
        JsonNode event = awaitResult(id);
        assertThat(event.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(event.get("output").get("key").asText()).isEqualTo(job.outputKey);

        BufferedImage actual = download(job.outputBucket, job.outputKey);
        assertThat(actual.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        float[] expected = direct(ir, vis).fused();
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 97; x++) {
                assertThat(actual.getRaster().getSample(x, y, 0))
                        .isCloseTo(ImageEncoder.toLevel(expected[y * 97 + x]), org.assertj.core.api.Assertions.within(1));
            }
        }
    }

    @Test
    void colourVisibleKeepsItsChroma() throws Exception {
        String id = jobId("colour");
        byte[] ir = Pictures.png(Pictures.infrared(64, 72));
        byte[] vis = Pictures.png(Pictures.visibleColour(64, 72));
        send(id, request(id, upload(id, "ir.png", ir), upload(id, "vis.png", vis)));
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.SUCCEEDED);

        BufferedImage actual = download(job.outputBucket, job.outputKey);
        Planes visPlanes = ImageDecoder.decode(vis, limits(), "vis");
        float[] fused = direct(ir, vis).fused();
        for (int i = 0; i < fused.length; i++) {
            int rgb = actual.getRGB(i % 64, i / 64);
            float y = fused[i] * 255f;
            float cb = visPlanes.cb()[i];
            float cr = visPlanes.cr()[i];
            assertThat((rgb >> 16) & 0xff).isCloseTo(level(Bt601.red(y, cb, cr)), org.assertj.core.api.Assertions.within(1));
            assertThat((rgb >> 8) & 0xff).isCloseTo(level(Bt601.green(y, cb, cr)), org.assertj.core.api.Assertions.within(1));
            assertThat(rgb & 0xff).isCloseTo(level(Bt601.blue(y, cb, cr)), org.assertj.core.api.Assertions.within(1));
        }
    }

    @Test
    void duplicateRequestForAFinishedJobIsNotRecomputed() throws Exception {
        String id = jobId("dup");
        String request = request(id, upload(id, "ir.png", Pictures.png(Pictures.infrared(64, 64))),
                upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(64, 64))));
        send(id, request);
        FusionJob first = awaitFinal(id);
        awaitResult(id);
        double duplicatesBefore = duplicates();
        // When the same request is delivered again
        send(id, request);
        // Then it is recognised and answered from the row: no second attempt, no second result
        await().atMost(JOB_TIMEOUT).until(() -> duplicates() > duplicatesBefore);
        FusionJob after = jobs.find(id).orElseThrow();
        assertThat(after.attempts).isEqualTo(1);
        assertThat(after.succeededAt).isEqualTo(first.succeededAt);
        Thread.sleep(1000);
        assertThat(results.withKey(id)).hasSize(1);
        assertThat(deadLetters.withKey(id)).isEmpty();
    }

    @Test
    void poisonMessageIsDeadLetteredAndTheConsumerGoesOn() throws Exception {
        String key = jobId("poison");
        send(key, "this is not JSON {");
        ConsumerRecord<String, String> dead = awaitDeadLetter(key);
        assertThat(RecordLog.header(dead, "fusion-error-code")).isEqualTo("INVALID_REQUEST");
        assertThat(RecordLog.header(dead, "dead-letter-reason")).startsWith("INVALID_REQUEST: request is not a JSON object");
        assertThat(dead.value()).isEqualTo("this is not JSON {");
        assertThat(jobs.find(key)).isEmpty();
        // the consumer is still alive
        String next = jobId("after-poison");
        send(next, request(next, upload(next, "ir.png", Pictures.png(Pictures.infrared(64, 64))),
                upload(next, "vis.png", Pictures.png(Pictures.visibleGrey(64, 64)))));
        assertThat(awaitFinal(next).status).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void schemaInvalidRequestWithAJobIdFailsTheJob() throws Exception {
        String id = jobId("invalid");
        send(id, "{\"schemaVersion\":1,\"jobId\":\"" + id + "\",\"task\":\"infrared-visible\"}");
        assertFailed(id, FailureCode.INVALID_REQUEST, "sources");
    }

    @Test
    void missingObjectFailsPermanently() throws Exception {
        String id = jobId("missing");
        String vis = upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(64, 64)));
        send(id, request(id, "it/" + id + "/nothing-here.png", vis));
        assertFailed(id, FailureCode.SOURCE_NOT_FOUND, "fusion-inputs/it/" + id + "/nothing-here.png");
    }

    @Test
    void corruptImageFailsPermanently() throws Exception {
        String id = jobId("corrupt");
        byte[] png = Pictures.png(Pictures.infrared(64, 64));
        String ir = upload(id, "ir.png", Arrays.copyOf(png, png.length / 3));
        send(id, request(id, ir, upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(64, 64)))));
        assertFailed(id, FailureCode.UNDECODABLE_IMAGE, ir);
    }

    @Test
    void gifSourceFailsAsUndecodable() throws Exception {
        // ImageIO reads GIF, but the contract lists PNG, JPEG, TIFF and BMP only
        String id = jobId("gif");
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(Pictures.infrared(64, 64), "gif", gif);
        String ir = upload(id, "ir.gif", gif.toByteArray());
        send(id, request(id, ir, upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(64, 64)))));
        assertFailed(id, FailureCode.UNDECODABLE_IMAGE, ir + " is a GIF image");
    }

    @Test
    void sizeMismatchFailsPermanently() throws Exception {
        String id = jobId("mismatch");
        send(id, request(id, upload(id, "ir.png", Pictures.png(Pictures.infrared(64, 64))),
                upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(80, 64)))));
        assertFailed(id, FailureCode.SIZE_MISMATCH, "80x64");
    }

    @Test
    void imageAboveThePixelLimitFailsBeforeDecoding() throws Exception {
        // the test profile sets fusion.jobs.max-pixels=40000; 256 x 256 = 65536
        String id = jobId("oversized");
        send(id, request(id, upload(id, "ir.png", Pictures.png(Pictures.infrared(256, 256))),
                upload(id, "vis.png", Pictures.png(Pictures.visibleGrey(256, 256)))));
        assertFailed(id, FailureCode.IMAGE_TOO_LARGE, "above the limit of 40000");
        // failed fast: from the PNG header, before a pixel was decoded or the model ran
        FusionJob job = jobs.find(id).orElseThrow();
        assertThat(job.downloadMs).isNotNull();
        assertThat(job.decodeMs).isNull();
        assertThat(job.inferenceMs).isNull();
    }

    private void assertFailed(String id, FailureCode code, String messagePart) throws Exception {
        FusionJob job = awaitFinal(id);
        assertThat(job.status).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorCode).isEqualTo(code);
        assertThat(job.errorMessage).contains(id).contains(messagePart);
        assertThat(job.errorMessage).doesNotContain(services.storageSecretKey()).doesNotContain(services.databasePassword());
        JsonNode event = awaitResult(id);
        assertThat(event.get("status").asText()).isEqualTo("FAILED");
        assertThat(event.get("error").get("code").asText()).isEqualTo(code.name());
        ConsumerRecord<String, String> dead = awaitDeadLetter(id);
        assertThat(RecordLog.header(dead, "fusion-error-code")).isEqualTo(code.name());
        assertThat(RecordLog.header(dead, "dead-letter-reason")).startsWith(code.name() + ": job " + id);
    }

    private FusionOutput direct(byte[] ir, byte[] vis) throws Exception {
        Planes irPlanes = ImageDecoder.decode(ir, limits(), "ir");
        Planes visPlanes = ImageDecoder.decode(vis, limits(), "vis");
        return model.fuse(irPlanes.luma(), visPlanes.luma(), irPlanes.height(), irPlanes.width());
    }

    private static ImageLimits limits() {
        return new ImageLimits(64, 2048, 1_000_000);
    }

    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    private FusionJob awaitFinal(String id) {
        return await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.find(id).orElse(null), job -> job != null && !job.status.inProgress());
    }

    private static JsonNode awaitResult(String id) throws Exception {
        List<ConsumerRecord<String, String>> events = await().atMost(JOB_TIMEOUT)
                .until(() -> results.withKey(id), list -> !list.isEmpty());
        assertThat(events).hasSize(1);
        JsonNode event = JSON.readTree(events.get(0).value());
        assertThat(RESULT_SCHEMA.validate(event)).isEmpty();
        return event;
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, String>> dead = await().atMost(JOB_TIMEOUT)
                .until(() -> deadLetters.withKey(key), list -> !list.isEmpty());
        return dead.get(0);
    }

    private double duplicates() {
        var counter = registry.find("fusion.jobs.duplicates").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String jobId(String what) {
        return "e2e-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(ServiceEndpoints.REQUESTS_TOPIC, key, value)).get();
    }

    /** Uploads to the input bucket; returns the key. */
    static String upload(String id, String name, byte[] bytes) throws Exception {
        String key = "it/" + id + "/" + name;
        minio.putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object(key)
                .data(bytes, bytes.length).contentType("image/png").build());
        return key;
    }

    private static BufferedImage download(String bucket, String key) throws Exception {
        try (var in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
        }
    }

    static String request(String id, String irKey, String visKey) {
        return """
                {"schemaVersion":1,"jobId":"%s","task":"infrared-visible","sources":[
                 {"role":"infrared","bucket":"fusion-inputs","key":"%s"},
                 {"role":"visible","bucket":"fusion-inputs","key":"%s"}]}""".formatted(id, irKey, visKey);
    }
}
