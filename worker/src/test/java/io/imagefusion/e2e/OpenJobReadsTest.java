package io.imagefusion.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code fusion.auth.open-job-reads=true}: one job is readable without a token; listing and submitting are not. */
@QuarkusTest
@TestProfile(OpenJobReadsTest.OpenReads.class)
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class OpenJobReadsTest {

    public static class OpenReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fusion.auth.open-job-reads", "true");
        }
    }

    @Test
    void oneJobAnswersWithoutATokenButListingAndSubmittingStillNeedOne() throws Exception {
        String id = "open-read-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = LocalServices.shared().openDatabaseConnection();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO fusion_job (job_id, status, task) VALUES (?, 'QUEUED', 'infrared-visible')")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }

        given().get("/jobs/" + id).then().statusCode(200).body("jobId", equalTo(id)).body("status", equalTo("QUEUED"));
        given().get("/jobs/no-such-job").then().statusCode(404).body("code", equalTo("JOB_NOT_FOUND"));
        // open means the token is not looked at: a caller with only the submit role reads as well
        given().auth().oauth2(TestTokens.bearer(TestTokens.SUBMIT)).get("/jobs/" + id).then().statusCode(200);

        given().get("/jobs").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().contentType(ContentType.JSON).body(FusionEndToEndTest.request("open-" + id, "it/a.png", "it/b.png"))
                .post("/jobs").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }
}
