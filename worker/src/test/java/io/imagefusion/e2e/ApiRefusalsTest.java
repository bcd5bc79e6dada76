package io.imagefusion.e2e;

import static io.imagefusion.e2e.Api.client;
import static org.hamcrest.Matchers.equalTo;

import io.imagefusion.testsupport.RealServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * What the REST fuzzing (SchemaFuzzIT) found, pinned: parameters refused exactly where the OpenAPI document
 * says they are invalid, and the framework's own refusals with the error body and a correct {@code Allow}.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class ApiRefusalsTest {

    @Test
    void emptyAfterOrLimitIsRefusedNotReadAsAbsent() {
        // JAX-RS binds an empty value like a missing one: ?after= listed the first page, ?limit= gave 50
        client().urlEncodingEnabled(false).get("/jobs?after=").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        client().urlEncodingEnabled(false).get("/jobs?limit=").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        client().get("/jobs").then().statusCode(200);
    }

    @Test
    void limitIsDigitsOnlyAndStatusAsciiOnly() {
        client().queryParam("limit", "+5").get("/jobs").then().statusCode(400);
        client().queryParam("limit", " 5").get("/jobs").then().statusCode(400);
        // upper-cased, a dotless i became I and "faıled" passed as FAILED
        client().queryParam("status", "fa\u0131led").get("/jobs").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        client().queryParam("status", "Failed").queryParam("limit", "007").get("/jobs").then().statusCode(200);
    }

    @Test
    void methodsThePathDoesNotServeAnswer405WithAllowAndTheErrorBody() {
        client().delete("/jobs").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, POST")
                .contentType(ContentType.JSON).body("code", equalTo("METHOD_NOT_ALLOWED"));
        client().put("/jobs/some-job").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
        // the framework's automatic OPTIONS listed POST for one job as well
        client().options("/jobs/some-job").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void aBodyThatIsNotJsonAnswers415WithTheErrorBody() {
        client().contentType(ContentType.TEXT).body("x").post("/jobs").then().statusCode(415)
                .contentType(ContentType.JSON).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        client().get("/no-such-path").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
