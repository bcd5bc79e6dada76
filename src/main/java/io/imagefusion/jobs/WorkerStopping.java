package io.imagefusion.jobs;

/**
 * The worker thread was interrupted because the process is stopping. Not a job failure: the job is left
 * RUNNING (its heartbeat stops) and its request unacknowledged, so another worker takes it over after
 * redelivery.
 */
public final class WorkerStopping extends RuntimeException {

    WorkerStopping(String jobId) {
        super("worker stopping during job " + jobId, null, false, false);
    }
}
