package io.imagefusion.jobs;

import java.util.Optional;

/**
 * A request refused at the boundary, before any job ran.
 *
 * @see RequestValidator
 */
public final class InvalidRequestException extends RuntimeException {

    private final transient Optional<String> jobId;
    private final String task;
    private final FusionFailure failure;

    InvalidRequestException(Optional<String> jobId, String task, FusionFailure failure) {
        super(failure.getMessage(), null, false, false);
        this.jobId = jobId;
        this.task = task;
        this.failure = failure;
    }

    /** The job id, when the request had a well-formed one, so that a FAILED row can be recorded. */
    public Optional<String> jobId() {
        return jobId;
    }

    /** The task named by the request, when there was a string there. */
    public String task() {
        return task;
    }

    public FusionFailure failure() {
        return failure;
    }
}
