package io.imagefusion.messaging;

import io.imagefusion.jobs.JobDrain;
import io.imagefusion.jobs.JobsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What SIGTERM does to the consumer: stop fetching requests, let the running jobs finish or hand them back
 * ({@link JobDrain}), and only then let the shutdown go on.
 *
 * <p>{@link ShutdownEvent} observers run before any bean is destroyed, so the model, the database, the object
 * store and the producers stay open while jobs drain. The Kafka connector closes its consumer afterwards (at
 * {@code @BeforeDestroyed(ApplicationScoped)}), committing the offsets of every acknowledged request; the
 * requests of jobs handed back stay uncommitted and are redelivered to the next worker.
 */
@ApplicationScoped
class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);
    private static final String CHANNEL = "fusion-requests";
    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClientService kafka;
    private final JobDrain drain;
    private final JobsConfig config;

    GracefulStop(KafkaClientService kafka, JobDrain drain, JobsConfig config) {
        this.kafka = kafka;
        this.drain = drain;
        this.config = config;
    }

    void onStop(@Observes ShutdownEvent event) {
        pauseConsumer();
        drain.stop(config.drainTimeout());
    }

    /**
     * Records already fetched are still delivered; the drain refuses to start them and leaves them unacknowledged.
     * Pausing only saves fetching more.
     */
    private void pauseConsumer() {
        try {
            var consumer = kafka.getConsumer(CHANNEL);
            if (consumer != null) {
                consumer.pause().await().atMost(PAUSE_TIMEOUT);
            }
        } catch (RuntimeException e) {
            LOG.warnf("stopping: could not pause the %s consumer (%s); new records are left unacknowledged",
                    CHANNEL, e.getClass().getSimpleName());
        }
    }
}
