package io.imagefusion.jobs;

/** The result event (see {@code schemas/fusion-result.v1.schema.json}); every field is always present. */
public record ResultEvent(int schemaVersion, String jobId, String status, Location output, Error error, Model model,
        int attempts, String workerId, Timings timings, String finishedAt) {

    /** Output object. */
    public record Location(String bucket, String key) {
    }

    /** Failure code and message. */
    public record Error(String code, String message, boolean retryable) {
    }

    /** Model that ran (or would have run) the job. */
    public record Model(String name, String version) {
    }

    /** @param model used when the row names none (a request refused before it ran) */
    static ResultEvent of(FusionJob job, Model model) {
        Location output = job.status == JobStatus.SUCCEEDED ? new Location(job.outputBucket, job.outputKey) : null;
        Error error = job.errorCode == null ? null
                : new Error(job.errorCode.name(), job.errorMessage, job.errorCode.retryable());
        Model ran = job.modelName == null ? model : new Model(job.modelName, job.modelVersion);
        Timings timings = new Timings(job.downloadMs, job.decodeMs, job.inferenceMs, job.encodeMs, job.uploadMs,
                job.totalMs);
        return new ResultEvent(1, job.jobId, job.status.name(), output, error, ran, job.attempts, job.workerId,
                timings, job.finishedAt() == null ? null : job.finishedAt().toString());
    }
}
