package io.imagefusion.jobs;

/**
 * A classified failure. Its message names the job and the objects concerned and never a credential; it has
 * no cause on purpose, so that nothing below (client traces, SQL) leaks into events or dead-letter headers.
 */
public final class FusionFailure extends RuntimeException {

    private final FailureCode code;

    public FusionFailure(FailureCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }

    /** The dead-letter reason: code first, so it can be filtered on. */
    public String reason() {
        return code + ": " + getMessage();
    }
}
