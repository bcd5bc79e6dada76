package io.imagefusion.messaging;

import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionFailure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends one keyed record and waits for the broker's acknowledgement. */
final class KafkaPublisher {

    private KafkaPublisher() {
    }

    static void send(MutinyEmitter<Record<String, String>> emitter, String topic, String key, String value,
            Duration timeout) {
        try {
            emitter.sendMessage(Message.of(Record.of(key, value))).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new FusionFailure(FailureCode.MESSAGING_UNAVAILABLE,
                    "job " + key + ": Kafka did not accept the record for " + topic + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
