package io.imagefusion.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The jobs this worker is running, and the stop that lets them finish: once {@link #stop} is called no job
 * starts any more; running ones get {@code fusion.jobs.drain-timeout} to finish, and what is still running then
 * is interrupted and hands its job back (RUNNING -> QUEUED, request unacknowledged) instead of failing it.
 */
@ApplicationScoped
public class JobDrain {

    private static final Logger LOG = Logger.getLogger(JobDrain.class);
    /**
     * How long interrupted jobs get to hand back. An interrupt lands between two tiles, so this is one tile's run
     * (46 s seen for an 832x768 tile on 2 cores at load 12) plus a database update; a job still running after it
     * is left to the heartbeat takeover (its request is uncommitted either way).
     */
    static final Duration HAND_BACK_WAIT = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 50;

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean handingBack;

    /** Registers the calling thread as running a job; false once the worker is stopping (start nothing then). */
    boolean enter() {
        if (stopping) {
            return false;
        }
        running.add(Thread.currentThread());
        // stop() may have looked at the set between the check and the add: look again
        if (stopping) {
            running.remove(Thread.currentThread());
            return false;
        }
        return true;
    }

    void exit() {
        running.remove(Thread.currentThread());
    }

    boolean stopping() {
        return stopping;
    }

    /** True once the drain time is up and running jobs are being interrupted. */
    boolean handingBack() {
        return handingBack;
    }

    /**
     * Stops admitting jobs and waits for the running ones: up to {@code timeout} for them to finish, then
     * interrupts them and waits up to {@link #HAND_BACK_WAIT} for them to hand their jobs back.
     *
     * @return true when no job is left running
     */
    public boolean stop(Duration timeout) {
        stopping = true;
        LOG.infof("stopping: %d job(s) running, waiting up to %d s for them to finish", running.size(),
                timeout.toSeconds());
        if (awaitIdle(timeout)) {
            LOG.info("stopping: every running job finished");
            return true;
        }
        LOG.warnf("stopping: %d job(s) still running after %d s; handing them back to be redelivered",
                running.size(), timeout.toSeconds());
        handingBack = true;
        running.forEach(Thread::interrupt);
        if (awaitIdle(HAND_BACK_WAIT)) {
            return true;
        }
        LOG.warnf("stopping: %d job(s) did not hand back; another worker takes them over when their heartbeat"
                + " is older than fusion.jobs.takeover-after", running.size());
        return false;
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running.isEmpty();
            }
        }
        return true;
    }
}
