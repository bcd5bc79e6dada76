package io.imagefusion.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Job handling ({@code fusion.jobs.*}). */
@ConfigMapping(prefix = "fusion.jobs")
public interface JobsConfig {

    /** Largest accepted width x height of a source, checked from the header before decoding (default 2048 x 2048). */
    @WithDefault("4194304")
    long maxPixels();

    /** Bucket of the default output key {@code jobs/<jobId>/fused.<ext>}. */
    @WithDefault("fusion-outputs")
    String outputBucket();

    /** This process's worker id in job rows and events; default: host name plus a random suffix per start. */
    Optional<String> workerId();

    /**
     * Jobs processed at once by one worker (size of the {@code fusion-jobs} worker pool that consumes requests).
     * Inference inside them is further bounded by {@code fusion.inference.max-concurrency}.
     */
    @WithDefault("2")
    int concurrency();

    /** How often a running job's heartbeat is written. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /**
     * A RUNNING job whose heartbeat is older than this was left by a dead worker and may be taken over. At most
     * the Kafka consumer's {@code session.timeout.ms} (15 s): a dead worker's requests reach another worker
     * after that long, and the job is then taken over at once instead of after its heartbeat has aged.
     * Three missed heartbeats at the default interval.
     */
    @WithDefault("15s")
    Duration takeoverAfter();

    /**
     * On SIGTERM, how long running jobs get to finish before they are interrupted and handed back (QUEUED, their
     * requests uncommitted, so the next worker runs them). Keep the pod's termination grace period above this
     * plus one tile's run and the shutdown itself.
     */
    @WithDefault("120s")
    Duration drainTimeout();

    /** Retries of transient failures (object store, database, Kafka unavailable). */
    Retry retry();

    /** Exponential backoff for transient failures. */
    interface Retry {

        /** Tries per step, the first included; when exhausted the job fails with the transient code. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second try; doubled each time. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Upper bound of one wait. */
        @WithDefault("30s")
        Duration maxBackoff();

        /**
         * How long the final state of a job that has run (its output stored, or its failure decided) is
         * retried while the database is down. Only that write is retried, never the pipeline; when the time is
         * up the request is dead-lettered with the job still RUNNING, and a replay resumes it.
         */
        @WithDefault("5m")
        Duration recordFor();
    }
}
