/**
 * Jobs: the request model and its validation, the job record and its state machine, the pipeline
 * (download, decode, validate pair, infer, encode, upload) and the one failure taxonomy ({@link io.imagefusion.jobs.FailureCode}).
 *
 * <p>States: {@code QUEUED -> RUNNING -> SUCCEEDED | FAILED}. A RUNNING job whose heartbeat is older than
 * {@code fusion.jobs.takeover-after} belongs to a dead worker and is claimed again (attempts + 1); a FAILED job
 * whose code is retryable is claimed again by a resubmission; SUCCEEDED and permanently FAILED jobs are final.
 * Claims are conditional UPDATEs, so two consumers racing for one job (a rebalance) cannot both run it.
 *
 * <p>Depends on storage, imaging and inference; publishing is behind the {@link io.imagefusion.jobs.RequestPublisher}
 * and {@link io.imagefusion.jobs.ResultPublisher} ports, which messaging implements.
 */
package io.imagefusion.jobs;
