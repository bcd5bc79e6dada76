package io.imagefusion.jobs;

/**
 * The process is stopping ({@link JobDrain}): a job was not started, or was interrupted and handed back
 * (QUEUED again). Not a job failure: its request stays unacknowledged, so its offset is not committed and the
 * request is redelivered to the next worker.
 */
public final class WorkerStopping extends RuntimeException {

    WorkerStopping(String jobId) {
        super("worker stopping during job " + jobId, null, false, false);
    }
}
