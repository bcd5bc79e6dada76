package io.imagefusion.jobs;

/**
 * Every way a job can fail, decided once and then mapped to the job row, the result event, the Kafka
 * acknowledgement (permanent: FAILED + dead letter; retryable: retried with backoff first) and HTTP.
 */
public enum FailureCode {
    /** Malformed JSON or a request that breaks the schema. Client's fault. */
    INVALID_REQUEST(false, 400),
    /** A task the schema knows but this worker does not implement yet. */
    UNSUPPORTED_TASK(false, 422),
    /** A source or output bucket is not on the allow-list. */
    BUCKET_NOT_ALLOWED(false, 403),
    /** An object key breaks the key rules. */
    INVALID_KEY(false, 400),
    /** The output names a bucket that is not an output bucket, e.g. the input bucket. Client's fault. */
    OUTPUT_NOT_ALLOWED(false, 403),
    /**
     * The output key holds an object this job did not write (another job's output, an uploaded file): it is
     * left as it is. A job may replace only its own earlier output. Client's fault: choose another key.
     */
    OUTPUT_EXISTS(false, 409),
    /** A source object does not exist. */
    SOURCE_NOT_FOUND(false, 422),
    /** A source is not a decodable PNG, JPEG, TIFF or BMP. */
    UNDECODABLE_IMAGE(false, 422),
    /** Infrared and visible differ in size (the network does not register them). */
    SIZE_MISMATCH(false, 422),
    /** Above the pixel limit, the model's maximum side, or the object size limit. */
    IMAGE_TOO_LARGE(false, 413),
    /** Below the model's minimum side. */
    IMAGE_TOO_SMALL(false, 422),
    /** The object store is unreachable or answers with errors. */
    STORAGE_UNAVAILABLE(true, 503),
    /** PostgreSQL is unreachable. */
    DATABASE_UNAVAILABLE(true, 503),
    /** Kafka does not accept the event. */
    MESSAGING_UNAVAILABLE(true, 503),
    /** ONNX Runtime failed on inputs that passed every check. */
    INFERENCE_FAILED(false, 500),
    /** A bug. */
    INTERNAL(false, 500);

    private final boolean retryable;
    private final int httpStatus;

    FailureCode(boolean retryable, int httpStatus) {
        this.retryable = retryable;
        this.httpStatus = httpStatus;
    }

    /** True when the same request may succeed later because a service we depend on was down. */
    public boolean retryable() {
        return retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
