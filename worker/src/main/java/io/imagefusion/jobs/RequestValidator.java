package io.imagefusion.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.imagefusion.storage.AccessPolicy;
import io.imagefusion.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The boundary check shared by the Kafka consumer and {@code POST /jobs}: JSON, the v1 schema, the supported
 * task, and the access rules for every object the request names.
 */
public final class RequestValidator {

    static final String SCHEMA_RESOURCE = "schemas/fusion-request.v1.schema.json";
    private static final int MAX_REPORTED_VIOLATIONS = 5;
    private static final int MAX_TASK_LENGTH = 64;

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final JsonSchema schema;
    private final AccessPolicy policy;
    private final String defaultOutputBucket;

    public RequestValidator(AccessPolicy policy, String defaultOutputBucket) {
        this.schema = loadSchema();
        this.policy = policy;
        this.defaultOutputBucket = defaultOutputBucket;
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = RequestValidator.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws InvalidRequestException with the code and, where one can be read, the job id */
    public ValidRequest validate(String json) {
        JsonNode node;
        try {
            node = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw invalid(Optional.empty(), null, FailureCode.INVALID_REQUEST, "request is not a JSON object");
        }
        Optional<String> jobId = Optional.ofNullable(node.path("jobId").textValue()).filter(JobId::isValid);
        // only a plausible task name is recorded on a refused job; anything else would not fit the column
        String task = Optional.ofNullable(node.path("task").textValue()).filter(t -> t.length() <= MAX_TASK_LENGTH)
                .orElse(null);
        String requestedTask = node.path("task").textValue();
        if (requestedTask != null && !FusionRequest.INFRARED_VISIBLE.equals(requestedTask)) {
            // before the schema, whose enum lists only the reserved tasks: every other task gets the same code
            throw invalid(jobId, task, FailureCode.UNSUPPORTED_TASK, "task " + shown(requestedTask)
                    + " is not supported; this worker runs " + FusionRequest.INFRARED_VISIBLE + " only");
        }
        Set<ValidationMessage> violations = schema.validate(node);
        if (!violations.isEmpty()) {
            String details = violations.stream().limit(MAX_REPORTED_VIOLATIONS).map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; "));
            throw invalid(jobId, task, FailureCode.INVALID_REQUEST, "request breaks schema v1: " + details);
        }
        FusionRequest request = mapper.convertValue(node, FusionRequest.class);
        checkAccess(request);
        return new ValidRequest(request, json);
    }

    private void checkAccess(FusionRequest request) {
        try {
            policy.check(request.infrared());
            policy.check(request.visible());
            policy.checkWrite(request.outputRef(defaultOutputBucket));
        } catch (StorageException e) {
            throw invalid(Optional.of(request.jobId()), request.task(), Failures.storageCode(e.kind()), e.getMessage());
        }
    }

    /** Caller-supplied text as a JSON string literal, capped: escaped control characters keep logs one line. */
    private static String shown(String text) {
        return TextNode.valueOf(text.length() > MAX_TASK_LENGTH ? text.substring(0, MAX_TASK_LENGTH) + "..." : text)
                .toString();
    }

    private static InvalidRequestException invalid(Optional<String> jobId, String task, FailureCode code, String message) {
        String prefix = jobId.map(id -> "job " + id + ": ").orElse("");
        return new InvalidRequestException(jobId, task, new FusionFailure(code, prefix + message));
    }
}
