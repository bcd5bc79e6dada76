package io.imagefusion.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Keeps the heartbeat of running jobs fresh so that no other worker takes them over. */
@ApplicationScoped
class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fusion-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final JobStore store;
    private final JobsConfig config;

    Heartbeats(JobStore store, JobsConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Starts beating for the job; close the returned handle when the attempt ends. */
    AutoCloseable start(String jobId, WorkerId worker) {
        long period = config.heartbeatInterval().toMillis();
        ScheduledFuture<?> beat = scheduler.scheduleAtFixedRate(() -> beat(jobId, worker), period, period,
                TimeUnit.MILLISECONDS);
        return () -> beat.cancel(false);
    }

    private void beat(String jobId, WorkerId worker) {
        try {
            if (!store.heartbeat(jobId, worker.value())) {
                // normal in the moment between the final state being recorded and the beat being cancelled
                LOG.debugf("job %s is no longer RUNNING on %s", jobId, worker);
            }
        } catch (RuntimeException e) {
            // a missed beat only matters if the database stays down past takeover-after; the job's own steps retry
            LOG.warnf("heartbeat of job %s failed: %s", jobId, e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
