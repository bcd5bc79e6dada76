package io.imagefusion.e2e;

import static io.imagefusion.e2e.Api.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /jobs while the real Kafka broker does not answer: a bounded wait, then 503 and nothing left behind. */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class MessagingOutageTest {

    /** delivery.timeout.ms of the fusion-requests-out channel (5 s), plus the request's own work. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @Test
    void postDuringAKafkaOutageAnswers503WithinTheBound() throws Exception {
        // Given a worker that has published before, so its producer knows the topic (the usual case)
        String warmUp = job("kafka-warm-up");
        client().contentType(ContentType.JSON).body(warmUp).post("/jobs").then().statusCode(202);

        String id = "kafka-down-" + UUID.randomUUID().toString().substring(0, 8);
        String body = request(id, "it/" + id + "/ir.png", "it/" + id + "/vis.png");
        long took;
        try (LocalServices.Outage outage = LocalServices.outage("kafka")) {
            // When a request is submitted while the broker does not answer
            long start = System.nanoTime();
            client().contentType(ContentType.JSON).body(body).post("/jobs").then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("MESSAGING_UNAVAILABLE"));
            took = System.nanoTime() - start;
            // Then the unpublished job leaves no row behind, so that the client can submit it again
            client().get("/jobs/" + id).then().statusCode(404);
        }
        System.out.printf("POST /jobs during a Kafka outage answered 503 after %d ms%n", took / 1_000_000);
        assertThat(Duration.ofNanos(took)).isLessThan(BOUND);

        // and once the broker is back, the worker publishes and consumes again (later tests rely on it)
        String after = job("kafka-back");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> client()
                .contentType(ContentType.JSON).body(after).post("/jobs").statusCode() / 100 == 2);
        String afterId = after.replaceAll("(?s).*\"jobId\":\"([^\"]+)\".*", "$1");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(
                () -> client().get("/jobs/" + afterId).then().extract().path("status"), "SUCCEEDED"::equals);
    }

    /** A job with real sources, under a fresh id. */
    private static String job(String what) throws Exception {
        String id = what + "-" + UUID.randomUUID().toString().substring(0, 8);
        return request(id, upload("it/" + id + "/ir.png", Pictures.png(Pictures.infrared(64, 64))),
                upload("it/" + id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64))));
    }

    private static String request(String id, String ir, String vis) {
        return FusionEndToEndTest.request(id, ir, vis);
    }

    private static String upload(String key, byte[] bytes) throws Exception {
        LocalServices.shared().minioClient().putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET)
                .object(key).data(bytes, bytes.length).build());
        return key;
    }
}
