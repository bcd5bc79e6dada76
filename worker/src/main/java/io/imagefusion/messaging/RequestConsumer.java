package io.imagefusion.messaging;

import io.imagefusion.jobs.Failures;
import io.imagefusion.jobs.FusionFailure;
import io.imagefusion.jobs.InvalidRequestException;
import io.imagefusion.jobs.JobRunner;
import io.imagefusion.jobs.RequestValidator;
import io.imagefusion.jobs.ValidRequest;
import io.imagefusion.jobs.WorkerStopping;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes {@code fusion.requests} on the {@code fusion-jobs} worker pool (size {@code fusion.jobs.concurrency}),
 * unordered so that one long job does not hold back the others.
 */
@ApplicationScoped
public class RequestConsumer {

    static final String ERROR_CODE_HEADER = "fusion-error-code";
    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);

    private final RequestValidator validator;
    private final JobRunner runner;

    RequestConsumer(RequestValidator validator, JobRunner runner) {
        this.validator = validator;
        this.runner = runner;
    }

    @Incoming("fusion-requests")
    @Blocking(value = "fusion-jobs", ordered = false)
    public CompletionStage<Void> consume(Message<String> message) {
        Optional<FusionFailure> deadLetter;
        try {
            deadLetter = handle(message.getPayload());
        } catch (WorkerStopping e) {
            // neither ack nor nack: the offset stays uncommitted and the record goes to the next consumer
            LOG.infof("%s; leaving its request unacknowledged", e.getMessage());
            return new CompletableFuture<>();
        } catch (RuntimeException e) {
            deadLetter = Optional.of(Failures.classify(e, "(unknown)"));
        }
        return deadLetter.map(failure -> deadLetter(message, failure)).orElseGet(message::ack);
    }

    private Optional<FusionFailure> handle(String payload) {
        ValidRequest valid;
        try {
            valid = validator.validate(payload);
        } catch (InvalidRequestException refused) {
            LOG.warnf("refused request: %s", refused.failure().reason());
            runner.reject(refused);
            return Optional.of(refused.failure());
        }
        return runner.handle(valid);
    }

    private static CompletionStage<Void> deadLetter(Message<String> message, FusionFailure failure) {
        OutgoingKafkaRecordMetadata<Object> headers = OutgoingKafkaRecordMetadata.builder()
                .addHeaders(new RecordHeader(ERROR_CODE_HEADER, failure.code().name().getBytes(StandardCharsets.UTF_8)))
                .build();
        return message.nack(new FusionFailure(failure.code(), failure.reason()), Metadata.of(headers));
    }
}
