package io.imagefusion.e2e;

import static io.imagefusion.e2e.Api.client;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API, health, metrics and OpenAPI on the running worker. */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class JobApiTest {

    private static ServiceEndpoints services;
    private static RecordLog requests;
    private static RecordLog results;

    @BeforeAll
    static void connect() {
        services = LocalServices.shared();
        requests = RecordLog.tail(services, ServiceEndpoints.REQUESTS_TOPIC);
        results = RecordLog.tail(services, ServiceEndpoints.RESULTS_TOPIC);
    }

    @Test
    void postPublishesOnceAndADuplicateAnswersWithTheExistingJob() throws Exception {
        String id = "api-" + UUID.randomUUID().toString().substring(0, 8);
        String body = FusionEndToEndTest.request(id, put(id + "/ir.png", Pictures.png(Pictures.infrared(64, 64))),
                put(id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64))));

        client().contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(202).header("Location", endsWith("/jobs/" + id)).body("jobId", equalTo(id));
        client().contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(200).header("Location", endsWith("/jobs/" + id)).body("jobId", equalTo(id));

        await().atMost(Duration.ofSeconds(90)).until(
                () -> client().get("/jobs/" + id).then().extract().path("status"), "SUCCEEDED"::equals);
        client().get("/jobs/" + id).then().statusCode(200)
                .header("Retry-After", nullValue())
                .body("output.key", equalTo("jobs/" + id + "/fused.png"))
                .body("timings.inferenceMs", notNullValue())
                .body("model.name", equalTo("crossfuse-ivf"))
                .body("succeededAt", notNullValue());
        Thread.sleep(500);
        assertThat(requests.withKey(id)).hasSize(1);
    }

    @Test
    void resubmittingAJobWhoseWorkerDiedRunsItAgainOnce() throws Exception {
        // Given a job left RUNNING by a worker that died after its request was committed: no redelivery will come
        String id = "api-stranded-" + UUID.randomUUID().toString().substring(0, 8);
        String body = FusionEndToEndTest.request(id, put(id + "/ir.png", Pictures.png(Pictures.infrared(64, 64))),
                put(id + "/vis.png", Pictures.png(Pictures.visibleGrey(64, 64))));
        insertRunning(id, body, "dead-worker", "now() - interval '1 hour'");

        // When the client submits it again, then it is published again and a live worker finishes it, once
        client().contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(202).body("status", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(90)).until(
                () -> client().get("/jobs/" + id).then().extract().path("status"), "SUCCEEDED"::equals);
        client().get("/jobs/" + id).then().body("attempts", equalTo(2)).body("workerId", not(equalTo("dead-worker")));
        await().atMost(Duration.ofSeconds(30)).until(() -> results.withKey(id).size() == 1);
        Thread.sleep(500);
        assertThat(requests.withKey(id)).hasSize(1);
        assertThat(results.withKey(id)).hasSize(1);
    }

    @Test
    void resubmittingAJobWithALiveHeartbeatPublishesNothing() throws Exception {
        // Given a job RUNNING on a live worker
        String id = "api-live-" + UUID.randomUUID().toString().substring(0, 8);
        String body = FusionEndToEndTest.request(id, "it/none/ir.png", "it/none/vis.png");
        insertRunning(id, body, "busy-worker", "now()");

        // When it is submitted again, then the answer is the job as it is, and nothing is published
        client().contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(200).body("status", equalTo("RUNNING")).body("workerId", equalTo("busy-worker"));
        Thread.sleep(1000);
        assertThat(requests.withKey(id)).isEmpty();
    }

    private static void insertRunning(String id, String request, String worker, String heartbeat) throws Exception {
        try (Connection db = services.openDatabaseConnection();
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO fusion_job (job_id, status, task, request_json, attempts, worker_id, started_at,
                                                heartbeat_at)
                        VALUES (?, 'RUNNING', 'infrared-visible', ?, 1, ?, now(), %s)""".formatted(heartbeat))) {
            insert.setString(1, id);
            insert.setString(2, request);
            insert.setString(3, worker);
            insert.executeUpdate();
        }
    }

    @Test
    void refusedRequestsMapToTheirHttpStatus() {
        client().contentType(ContentType.JSON).body("{oops").post("/jobs")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        client().contentType(ContentType.JSON).body(requestWith("medical", "fusion-inputs", "a.png")).post("/jobs")
                .then().statusCode(422).body("code", equalTo("UNSUPPORTED_TASK"));
        // a task the schema does not list gets the same code as a reserved one, as the README documents
        client().contentType(ContentType.JSON).body(requestWith("painting", "fusion-inputs", "a.png")).post("/jobs")
                .then().statusCode(422).body("code", equalTo("UNSUPPORTED_TASK"))
                .body("message", containsString("\"painting\""));
        client().contentType(ContentType.JSON).body(requestWith("infrared-visible", "elsewhere", "a.png")).post("/jobs")
                .then().statusCode(403).body("code", equalTo("BUCKET_NOT_ALLOWED"));
        client().contentType(ContentType.JSON).body(requestWith("infrared-visible", "fusion-inputs", "../a.png"))
                .post("/jobs").then().statusCode(400).body("code", equalTo("INVALID_KEY"));
    }

    @Test
    void outputOutsideTheOutputBucketsIsRefusedAtSubmission() {
        String body = requestWith("infrared-visible", "fusion-inputs", "a.png").replaceFirst("}$",
                ",\"output\":{\"bucket\":\"fusion-inputs\",\"key\":\"a.png\"}}");
        client().contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(403).body("code", equalTo("OUTPUT_NOT_ALLOWED"))
                .body("message", containsString("fusion-inputs/a.png"));
    }

    @Test
    void unknownJobIs404WithACode() {
        client().get("/jobs/no-such-job").then().statusCode(404)
                .body("code", equalTo("JOB_NOT_FOUND")).body("message", equalTo("no job no-such-job"));
    }

    @Test
    void idThatCannotBeAJobIdIs400NotADatabaseFailure() {
        // a NUL byte reached PostgreSQL, which refused it, and was answered 503 DATABASE_UNAVAILABLE
        client().urlEncodingEnabled(false).get("/jobs/%00").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("job id must be"));
        client().urlEncodingEnabled(false).get("/jobs/a%00b").then().statusCode(400);
        client().urlEncodingEnabled(false).queryParam("after", "%00").get("/jobs").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("after must be"));
    }

    @Test
    void limitThatIsNotANumberIs400() {
        // bound as an int, JAX-RS answered 404 for a value that does not convert
        client().queryParam("limit", "abc").get("/jobs").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", containsString("limit must be"));
        client().queryParam("limit", "501").get("/jobs").then().statusCode(400);
        client().queryParam("limit", "5").get("/jobs").then().statusCode(200);
    }

    @Test
    void unfinishedJobAsksToPollLater() throws Exception {
        String id = "api-queued-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = services.openDatabaseConnection();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO fusion_job (job_id, status, task) VALUES (?, 'QUEUED', 'infrared-visible')")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        // every stage timing is present, null until the stage has run (as in the result event)
        client().get("/jobs/" + id).then().statusCode(200).header("Retry-After", "2").body("status", equalTo("QUEUED"))
                .body("timings", hasKey("downloadMs")).body("timings", hasKey("totalMs"))
                .body("timings.downloadMs", nullValue());
    }

    @Test
    void listingPagesByJobId() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Connection db = services.openDatabaseConnection();
                    PreparedStatement insert = db.prepareStatement(
                            "INSERT INTO fusion_job (job_id, status, task) VALUES (?, 'QUEUED', 'infrared-visible')")) {
                insert.setString(1, "page-" + UUID.randomUUID());
                insert.executeUpdate();
            }
        }
        String next = client().queryParam("status", "queued").queryParam("limit", 2).get("/jobs")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("items.status", hasItem("QUEUED"))
                .extract().path("next");
        assertThat(next).isNotNull();
        String firstOfSecondPage = client().queryParam("status", "QUEUED").queryParam("after", next).queryParam("limit", 2)
                .get("/jobs").then().statusCode(200).extract().path("items[0].jobId");
        assertThat(firstOfSecondPage).isGreaterThan(next);
        client().queryParam("status", "DONE").get("/jobs").then().statusCode(400);
        client().queryParam("limit", 0).get("/jobs").then().statusCode(400);
    }

    @Test
    void readinessCoversKafkaDatabaseObjectStoreAndModel() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'fusion-model' }.data.provider", equalTo("cpu"))
                .body("checks.find { it.name == 'object-store' }.status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Reactive Messaging")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fusion_inference_seconds_bucket"))
                .body(containsString("fusion_job_end_to_end_seconds_bucket"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/jobs/{jobId}"));
    }

    private static String requestWith(String task, String bucket, String key) {
        return """
                {"schemaVersion":1,"jobId":"refused","task":"%s","sources":[
                 {"role":"infrared","bucket":"%s","key":"%s"},
                 {"role":"visible","bucket":"fusion-inputs","key":"v.png"}]}""".formatted(task, bucket, key);
    }

    private static String put(String key, byte[] bytes) throws Exception {
        services.minioClient().putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET)
                .object("it/" + key).data(bytes, bytes.length).build());
        return "it/" + key;
    }
}
