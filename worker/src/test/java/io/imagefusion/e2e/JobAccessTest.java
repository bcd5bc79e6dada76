package io.imagefusion.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagefusion.testsupport.RealServicesResource;
import io.imagefusion.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may call which operation, with the shipped default (job reads need the read role): 401 without a token or
 * with a refused one, 403 without the operation's role, the usual answer with it. Refusals carry the error body
 * of every other refusal.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class JobAccessTest {

    @Test
    void submittingNeedsATokenWithTheSubmitRole() {
        String id = "access-" + UUID.randomUUID().toString().substring(0, 8);
        String body = FusionEndToEndTest.request(id, "it/none/ir.png", "it/none/vis.png");

        unauthenticated(as(null).contentType(ContentType.JSON).body(body).post("/jobs").then().extract().response())
                .body("message", equalTo("a bearer token is required"));
        // refused before the body is read: a caller without a token learns nothing about the request's validity
        unauthenticated(as(null).contentType(ContentType.JSON).body("{oops").post("/jobs").then().extract().response());
        for (String refused : new String[] {"not-a-jwt", TestTokens.forged(TestTokens.SUBMIT),
                TestTokens.expired(TestTokens.SUBMIT), TestTokens.otherIssuer(TestTokens.SUBMIT)}) {
            unauthenticated(as(refused).contentType(ContentType.JSON).body(body).post("/jobs").then().extract().response())
                    .header("WWW-Authenticate", containsString("invalid_token"));
        }
        as(TestTokens.bearer(TestTokens.READ)).contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(403).contentType(ContentType.JSON)
                .body("code", equalTo("FORBIDDEN")).body("message", containsString("fusion-submit"));
        // none of the refused submissions made a job
        as(TestTokens.bearer(TestTokens.READ)).get("/jobs/" + id).then().statusCode(404);

        as(TestTokens.bearer(TestTokens.SUBMIT)).contentType(ContentType.JSON).body(body).post("/jobs")
                .then().statusCode(202).body("jobId", equalTo(id));
    }

    @Test
    void listingNeedsTheReadRole() {
        unauthenticated(as(null).get("/jobs").then().extract().response());
        unauthenticated(as(TestTokens.forged(TestTokens.READ)).get("/jobs").then().extract().response());
        as(TestTokens.bearer(TestTokens.SUBMIT)).get("/jobs").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(TestTokens.bearer(TestTokens.READ)).queryParam("limit", 1).get("/jobs").then().statusCode(200);
    }

    @Test
    void readingOneJobNeedsTheReadRoleByDefault() {
        unauthenticated(as(null).get("/jobs/no-such-job").then().extract().response());
        unauthenticated(as(TestTokens.expired(TestTokens.READ)).get("/jobs/no-such-job").then().extract().response());
        as(TestTokens.bearer(TestTokens.SUBMIT)).get("/jobs/no-such-job").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(TestTokens.bearer(TestTokens.READ)).get("/jobs/no-such-job").then().statusCode(404)
                .body("code", equalTo("JOB_NOT_FOUND"));
    }

    @Test
    void healthMetricsAndOpenApiStayOpenWhateverTheHeader() {
        for (String token : new String[] {null, "not-a-jwt"}) {
            as(token).get("/q/health/live").then().statusCode(200);
            as(token).get("/q/health/ready").then().statusCode(200);
            as(token).get("/q/metrics").then().statusCode(200);
            as(token).get("/q/openapi").then().statusCode(200).body(containsString("bearer"));
        }
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static io.restassured.response.ValidatableResponse unauthenticated(io.restassured.response.Response response) {
        return response.then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }
}
