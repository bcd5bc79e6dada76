package io.imagefusion.jobs;

/** The job state machine: QUEUED -> RUNNING -> SUCCEEDED | FAILED (see the package documentation). */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean inProgress() {
        return this == QUEUED || this == RUNNING;
    }
}
