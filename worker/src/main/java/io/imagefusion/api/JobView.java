package io.imagefusion.api;

import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.ResultEvent;
import io.imagefusion.jobs.Timings;
import java.time.Instant;

/**
 * A job as the API shows it. {@code timings} always carries all six stage fields, {@code null} for a stage
 * that has not run (yet), as in the result event.
 */
public record JobView(String jobId, String status, String task, int attempts, String workerId,
        ResultEvent.Location output, ResultEvent.Error error, ResultEvent.Model model, Timings timings,
        Instant createdAt, Instant startedAt, Instant succeededAt, Instant failedAt) {

    static JobView of(FusionJob job) {
        return new JobView(job.jobId, job.status.name(), job.task, job.attempts, job.workerId,
                job.outputKey == null ? null : new ResultEvent.Location(job.outputBucket, job.outputKey),
                job.errorCode == null ? null
                        : new ResultEvent.Error(job.errorCode.name(), job.errorMessage, job.errorCode.retryable()),
                job.modelName == null ? null : new ResultEvent.Model(job.modelName, job.modelVersion),
                new Timings(job.downloadMs, job.decodeMs, job.inferenceMs, job.encodeMs, job.uploadMs, job.totalMs),
                job.createdAt, job.startedAt, job.succeededAt, job.failedAt);
    }
}
