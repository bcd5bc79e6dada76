package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.imaging.OutputFormat;
import io.imagefusion.storage.AccessPolicy;
import io.imagefusion.storage.ObjectRef;
import io.imagefusion.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(
            new AccessPolicy(Set.of("fusion-inputs", "fusion-outputs"), Set.of("fusion-outputs")), "fusion-outputs");

    @Test
    void minimalExampleIsValidWithDefaults() throws IOException {
        ValidRequest valid = validator.validate(example("fusion-request.v1.minimal.json"));
        FusionRequest request = valid.request();
        assertThat(request.jobId()).isEqualTo("tno-ir1-demo");
        assertThat(request.infrared()).isEqualTo(new ObjectRef("fusion-inputs", "tno/IR1.png"));
        assertThat(request.visible()).isEqualTo(new ObjectRef("fusion-inputs", "tno/VIS1.png"));
        assertThat(request.format()).isEqualTo(OutputFormat.PNG);
        assertThat(request.rawOutput()).isFalse();
        assertThat(request.outputRef("fusion-outputs"))
                .isEqualTo(new ObjectRef("fusion-outputs", "jobs/tno-ir1-demo/fused.png"));
    }

    @Test
    void fullExampleCarriesOutputAndOptions() throws IOException {
        FusionRequest request = validator.validate(example("fusion-request.v1.full.json")).request();
        assertThat(request.format()).isEqualTo(OutputFormat.TIFF);
        assertThat(request.rawOutput()).isTrue();
        assertThat(request.outputRef("ignored")).isEqualTo(new ObjectRef("fusion-outputs", "jobs/tno-ir1-demo-raw/fused.tiff"));
    }

    @Test
    void notJsonHasNoJobId() {
        assertRefused("{not json", FailureCode.INVALID_REQUEST, e -> assertThat(e.jobId()).isEmpty());
        assertRefused("[1,2]", FailureCode.INVALID_REQUEST, e -> assertThat(e.jobId()).isEmpty());
        assertRefused(null, FailureCode.INVALID_REQUEST, e -> assertThat(e.jobId()).isEmpty());
    }

    @Test
    void schemaViolationKeepsAWellFormedJobId() {
        String missingSources = "{\"schemaVersion\":1,\"jobId\":\"j-1\",\"task\":\"infrared-visible\"}";
        assertRefused(missingSources, FailureCode.INVALID_REQUEST, e -> {
            assertThat(e.jobId()).contains("j-1");
            assertThat(e.failure().getMessage()).startsWith("job j-1: request breaks schema v1").contains("sources");
        });
    }

    @Test
    void malformedJobIdIsNotUsed() {
        String badId = request("../etc", "infrared-visible", "fusion-inputs", "a.png");
        assertRefused(badId, FailureCode.INVALID_REQUEST, e -> assertThat(e.jobId()).isEmpty());
    }

    @Test
    void twoInfraredSourcesBreakTheSchema() {
        String json = """
                {"schemaVersion":1,"jobId":"j","task":"infrared-visible","sources":[
                 {"role":"infrared","bucket":"fusion-inputs","key":"a.png"},
                 {"role":"infrared","bucket":"fusion-inputs","key":"b.png"}]}""";
        assertRefused(json, FailureCode.INVALID_REQUEST, e -> assertThat(e.jobId()).contains("j"));
    }

    @Test
    void overlongTaskIsUnsupportedButNotRecorded() {
        assertRefused(request("j", "x".repeat(500), "fusion-inputs", "a.png"), FailureCode.UNSUPPORTED_TASK, e -> {
            assertThat(e.task()).isNull();
            assertThat(e.failure().getMessage()).hasSizeLessThan(200);
        });
    }

    @Test
    void unknownTaskIsUnsupportedLikeAReservedOne() {
        // the schema's enum lists the reserved tasks only; the code must not depend on which list a task is on
        assertRefused(request("j", "painting", "fusion-inputs", "a.png"), FailureCode.UNSUPPORTED_TASK, e -> {
            assertThat(e.jobId()).contains("j");
            assertThat(e.failure().getMessage()).contains("\"painting\"").contains("infrared-visible only");
        });
        assertRefused(request("j", "evil\\nline", "fusion-inputs", "a.png"), FailureCode.UNSUPPORTED_TASK,
                e -> assertThat(e.failure().getMessage()).doesNotContain("\n"));
    }

    @Test
    void outputInAnInputBucketIsRefused() {
        String json = """
                {"schemaVersion":1,"jobId":"j","task":"infrared-visible","sources":[
                 {"role":"infrared","bucket":"fusion-inputs","key":"a.png"},
                 {"role":"visible","bucket":"fusion-inputs","key":"b.png"}],
                 "output":{"bucket":"fusion-inputs","key":"a.png"}}""";
        assertRefused(json, FailureCode.OUTPUT_NOT_ALLOWED,
                e -> assertThat(e.failure().getMessage()).contains("fusion-inputs/a.png"));
    }

    @Test
    void reservedTaskIsUnsupported() {
        assertRefused(request("j", "medical", "fusion-inputs", "a.png"), FailureCode.UNSUPPORTED_TASK,
                e -> assertThat(e.failure().getMessage()).contains("medical"));
    }

    @Test
    void bucketOffTheAllowListIsRefused() {
        assertRefused(request("j", "infrared-visible", "private", "a.png"), FailureCode.BUCKET_NOT_ALLOWED,
                e -> assertThat(e.failure().getMessage()).contains("private"));
    }

    @Test
    void traversalKeyIsRefused() {
        assertRefused(request("j", "infrared-visible", "fusion-inputs", "a/../../b.png"), FailureCode.INVALID_KEY,
                e -> assertThat(e.jobId()).contains("j"));
    }

    private void assertRefused(String json, FailureCode code, Consumer<InvalidRequestException> more) {
        assertThatThrownBy(() -> validator.validate(json)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.failure().code()).isEqualTo(code);
            more.accept(e);
        });
    }

    private static String request(String jobId, String task, String bucket, String irKey) {
        return """
                {"schemaVersion":1,"jobId":"%s","task":"%s","sources":[
                 {"role":"infrared","bucket":"%s","key":"%s"},
                 {"role":"visible","bucket":"fusion-inputs","key":"vis.png"}]}""".formatted(jobId, task, bucket, irKey);
    }

    static String example(String name) throws IOException {
        return Files.readString(RepositoryRoot.resolve("schemas/examples").resolve(name));
    }
}
