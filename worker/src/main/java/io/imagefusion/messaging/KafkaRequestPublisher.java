package io.imagefusion.messaging;

import io.imagefusion.jobs.RequestPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Requests accepted by the REST API, to {@code fusion.requests}, keyed by job id (so a job stays in one partition). */
@ApplicationScoped
public class KafkaRequestPublisher implements RequestPublisher {

    private final MutinyEmitter<Record<String, String>> emitter;
    private final MessagingConfig config;

    KafkaRequestPublisher(@Channel("fusion-requests-out") MutinyEmitter<Record<String, String>> emitter,
            MessagingConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @Override
    public void publish(String jobId, String requestJson) {
        KafkaPublisher.send(emitter, "fusion.requests", jobId, requestJson, config.publishTimeout());
    }
}
