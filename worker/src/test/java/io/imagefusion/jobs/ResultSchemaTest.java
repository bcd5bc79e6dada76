package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.imagefusion.testsupport.RepositoryRoot;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The result events the worker builds, and the shipped examples, satisfy the result schema. */
class ResultSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(RepositoryRoot.resolve("schemas/fusion-result.v1.schema.json").toUri());

    @Test
    void examplesAreValid() throws Exception {
        for (String name : new String[] {"fusion-result.v1.succeeded.json", "fusion-result.v1.failed.json"}) {
            assertThat(schema.validate(MAPPER.readTree(Files.readString(RepositoryRoot.resolve("schemas/examples").resolve(name)))))
                    .as(name).isEmpty();
        }
    }

    @Test
    void succeededJobGivesAValidEvent() {
        FusionJob job = job(JobStatus.SUCCEEDED);
        job.outputBucket = "fusion-outputs";
        job.outputKey = "jobs/j/fused.png";
        job.modelName = "crossfuse-ivf";
        job.modelVersion = "1.0.0";
        job.succeededAt = Instant.parse("2026-11-22T05:00:00Z");
        job.downloadMs = 3L;
        job.totalMs = 9L;
        JsonNode event = MAPPER.valueToTree(ResultEvent.of(job, null));
        assertThat(schema.validate(event)).isEmpty();
        assertThat(event.get("output").get("key").asText()).isEqualTo("jobs/j/fused.png");
        assertThat(event.get("error").isNull()).isTrue();
    }

    @Test
    void requestRefusedBeforeRunningGivesAValidEventWithTheWorkersModel() {
        FusionJob job = job(JobStatus.FAILED);
        job.errorCode = FailureCode.INVALID_REQUEST;
        job.errorMessage = "job j: request breaks schema v1";
        job.failedAt = Instant.parse("2026-11-22T05:00:00Z");
        JsonNode event = MAPPER.valueToTree(ResultEvent.of(job, new ResultEvent.Model("crossfuse-ivf", "1.0.0")));
        assertThat(schema.validate(event)).isEmpty();
        assertThat(event.get("output").isNull()).isTrue();
        assertThat(event.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(event.get("model").get("name").asText()).isEqualTo("crossfuse-ivf");
    }

    private static FusionJob job(JobStatus status) {
        FusionJob job = new FusionJob();
        job.jobId = "j";
        job.status = status;
        job.attempts = 1;
        job.workerId = "w-1";
        return job;
    }
}
