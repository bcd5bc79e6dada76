package io.imagefusion.messaging;

import io.imagefusion.jobs.JobsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Crash recovery takes the longer of two waits: the broker hands a dead worker's partitions to another
 * worker after the consumer's {@code session.timeout.ms}, and that worker takes a RUNNING job over once its
 * heartbeat is older than {@code fusion.jobs.takeover-after}. Warns at start-up when the second is the longer,
 * since it then silently stretches the documented bound.
 */
@ApplicationScoped
class RecoveryBound {

    private static final Logger LOG = Logger.getLogger(RecoveryBound.class);

    void check(@Observes StartupEvent start, JobsConfig jobs,
            // Kafka's own default when the property is not set
            @ConfigProperty(name = "mp.messaging.incoming.fusion-requests.session.timeout.ms", defaultValue = "45000")
            long sessionTimeoutMs) {
        problem(jobs.takeoverAfter(), Duration.ofMillis(sessionTimeoutMs)).ifPresent(LOG::warn);
    }

    static Optional<String> problem(Duration takeoverAfter, Duration sessionTimeout) {
        if (takeoverAfter.compareTo(sessionTimeout) <= 0) {
            return Optional.empty();
        }
        return Optional.of("fusion.jobs.takeover-after (" + takeoverAfter.toMillis() + " ms) is longer than the Kafka "
                + "consumer's session.timeout.ms (" + sessionTimeout.toMillis() + " ms): after a crash, a dead "
                + "worker's running job waits the difference longer before another worker takes it over");
    }
}
