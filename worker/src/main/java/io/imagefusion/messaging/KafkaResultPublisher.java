package io.imagefusion.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.jobs.ResultEvent;
import io.imagefusion.jobs.ResultPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Result events to {@code fusion.results}, keyed by job id. */
@ApplicationScoped
public class KafkaResultPublisher implements ResultPublisher {

    /** Its own mapper: the event format is a contract and must not follow the REST layer's Jackson settings. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutinyEmitter<Record<String, String>> emitter;
    private final MessagingConfig config;

    KafkaResultPublisher(@Channel("fusion-results") MutinyEmitter<Record<String, String>> emitter,
            MessagingConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @Override
    public void publish(ResultEvent event) {
        String json;
        try {
            json = MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result event of job " + event.jobId() + " cannot be serialised", e);
        }
        KafkaPublisher.send(emitter, "fusion.results", event.jobId(), json, config.publishTimeout());
    }
}
