package io.imagefusion.jobs;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The job table. Every state change is one conditional UPDATE in its own short transaction, judged on the
 * database clock, so concurrent workers never both win a transition.
 */
@ApplicationScoped
public class JobStore implements PanacheRepositoryBase<FusionJob, String> {

    private static final List<String> RETRYABLE_CODES = Arrays.stream(FailureCode.values())
            .filter(FailureCode::retryable).map(Enum::name).toList();

    @Transactional
    public Optional<FusionJob> get(String jobId) {
        return findByIdOptional(jobId);
    }

    /** Inserts a QUEUED row unless the job exists; returns true when this call created it. */
    @Transactional
    public boolean insertQueued(FusionRequest request, String requestJson) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO fusion_job (job_id, status, task, request_json, attempts, created_at)
                VALUES (:id, 'QUEUED', :task, :json, 0, now())
                ON CONFLICT (job_id) DO NOTHING""")
                .setParameter("id", request.jobId())
                .setParameter("task", request.task())
                .setParameter("json", requestJson)
                .executeUpdate() == 1;
    }

    /** Removes a QUEUED row that was never published (the publish failed), so that a retry can submit again. */
    @Transactional
    public void deleteQueued(String jobId) {
        delete("jobId = ?1 and status = ?2", jobId, JobStatus.QUEUED);
    }

    /**
     * Makes this worker the owner of the job: from QUEUED, from RUNNING with a heartbeat older than
     * {@code takeoverAfter} (its worker died), or from FAILED with a retryable code. Counts an attempt.
     */
    @Transactional
    public boolean claim(String jobId, String workerId, Duration takeoverAfter) {
        return getEntityManager().createNativeQuery("""
                UPDATE fusion_job SET status = 'RUNNING', attempts = attempts + 1, worker_id = :worker,
                       started_at = now(), heartbeat_at = now(), failed_at = NULL,
                       error_code = NULL, error_message = NULL
                WHERE job_id = :id AND (status = 'QUEUED'
                   OR (status = 'RUNNING' AND heartbeat_at < now() - CAST(:takeoverMs AS double precision) * interval '1 millisecond')
                   OR (status = 'FAILED' AND error_code IN (:retryable)))""")
                .setParameter("id", jobId)
                .setParameter("worker", workerId)
                .setParameter("takeoverMs", takeoverAfter.toMillis())
                .setParameter("retryable", RETRYABLE_CODES)
                .executeUpdate() == 1;
    }

    /**
     * True when nothing will finish the job without a new delivery: RUNNING with a heartbeat older than
     * {@code takeoverAfter} (its worker died after its request was committed or dead-lettered), or FAILED with
     * a retryable code. The same conditions under which {@link #claim} takes a job that is not QUEUED.
     */
    @Transactional
    public boolean stranded(String jobId, Duration takeoverAfter) {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM fusion_job
                WHERE job_id = :id AND ((status = 'RUNNING' AND heartbeat_at < now() - CAST(:takeoverMs AS double precision) * interval '1 millisecond')
                   OR (status = 'FAILED' AND error_code IN (:retryable)))""")
                .setParameter("id", jobId)
                .setParameter("takeoverMs", takeoverAfter.toMillis())
                .setParameter("retryable", RETRYABLE_CODES)
                .getSingleResult()).longValue() == 1;
    }

    /** Tells other workers this job is alive; false when the job is no longer ours. */
    @Transactional
    public boolean heartbeat(String jobId, String workerId) {
        return getEntityManager().createNativeQuery("""
                UPDATE fusion_job SET heartbeat_at = now()
                WHERE job_id = :id AND worker_id = :worker AND status = 'RUNNING'""")
                .setParameter("id", jobId)
                .setParameter("worker", workerId)
                .executeUpdate() == 1;
    }

    /**
     * RUNNING (ours) -> QUEUED: a stopping worker hands the job back unfinished; the attempt stays counted.
     * False when the job is not ours (any more).
     */
    @Transactional
    public boolean release(String jobId, String workerId) {
        return getEntityManager().createNativeQuery("""
                UPDATE fusion_job SET status = 'QUEUED', worker_id = NULL, started_at = NULL, heartbeat_at = NULL
                WHERE job_id = :id AND worker_id = :worker AND status = 'RUNNING'""")
                .setParameter("id", jobId)
                .setParameter("worker", workerId)
                .executeUpdate() == 1;
    }

    /** RUNNING (ours) -> SUCCEEDED; false when another worker took the job over meanwhile. */
    @Transactional
    public boolean succeed(String jobId, String workerId, String outputBucket, String outputKey, String modelName,
            String modelVersion, Timings timings) {
        return withTimings(getEntityManager().createNativeQuery("""
                UPDATE fusion_job SET status = 'SUCCEEDED', succeeded_at = now(), output_bucket = :bucket,
                       output_key = :key, model_name = :model, model_version = :version,
                       download_ms = :download, decode_ms = :decode, inference_ms = :inference,
                       encode_ms = :encode, upload_ms = :upload, total_ms = :total
                WHERE job_id = :id AND worker_id = :worker AND status = 'RUNNING'"""), timings)
                .setParameter("id", jobId)
                .setParameter("worker", workerId)
                .setParameter("bucket", outputBucket)
                .setParameter("key", outputKey)
                .setParameter("model", modelName)
                .setParameter("version", modelVersion)
                .executeUpdate() == 1;
    }

    /** RUNNING (ours) -> FAILED; false when another worker took the job over meanwhile. */
    @Transactional
    public boolean fail(String jobId, String workerId, FusionFailure failure, String modelName, String modelVersion,
            Timings timings) {
        return withTimings(getEntityManager().createNativeQuery("""
                UPDATE fusion_job SET status = 'FAILED', failed_at = now(), error_code = :code, error_message = :message,
                       model_name = :model, model_version = :version,
                       download_ms = :download, decode_ms = :decode, inference_ms = :inference,
                       encode_ms = :encode, upload_ms = :upload, total_ms = :total
                WHERE job_id = :id AND worker_id = :worker AND status = 'RUNNING'"""), timings)
                .setParameter("id", jobId)
                .setParameter("worker", workerId)
                .setParameter("code", failure.code().name())
                .setParameter("message", failure.getMessage())
                .setParameter("model", modelName)
                .setParameter("version", modelVersion)
                .executeUpdate() == 1;
    }

    /**
     * Records a request refused at the boundary (schema-invalid, unsupported task) as FAILED: a new row, or
     * a QUEUED one. A job that already ran keeps its state; returns false then.
     */
    @Transactional
    public boolean rejectUnclaimed(String jobId, String task, FusionFailure failure, String workerId) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO fusion_job (job_id, status, task, attempts, worker_id, created_at, failed_at,
                                        error_code, error_message)
                VALUES (:id, 'FAILED', :task, 1, :worker, now(), now(), :code, :message)
                ON CONFLICT (job_id) DO UPDATE SET status = 'FAILED', failed_at = now(), worker_id = :worker,
                       attempts = fusion_job.attempts + 1, error_code = :code, error_message = :message
                WHERE fusion_job.status = 'QUEUED'""")
                .setParameter("id", jobId)
                .setParameter("task", task)
                .setParameter("worker", workerId)
                .setParameter("code", failure.code().name())
                .setParameter("message", failure.getMessage())
                .executeUpdate() == 1;
    }

    @Transactional
    public void markResultPublished(String jobId) {
        update("resultPublishedAt = current_timestamp where jobId = ?1", jobId);
    }

    /** Keyset page ordered by job id: jobs after {@code afterJobId} (exclusive), optionally of one status. */
    @Transactional
    public List<FusionJob> page(Optional<JobStatus> status, Optional<String> afterJobId, int limit) {
        StringBuilder query = new StringBuilder("jobId > :after");
        Parameters parameters = Parameters.with("after", afterJobId.orElse(""));
        if (status.isPresent()) {
            query.append(" and status = :status");
            parameters.and("status", status.get());
        }
        return find(query.toString(), Sort.by("jobId"), parameters).page(0, limit).list();
    }

    private static jakarta.persistence.Query withTimings(jakarta.persistence.Query query, Timings timings) {
        return query.setParameter("download", timings.downloadMs())
                .setParameter("decode", timings.decodeMs())
                .setParameter("inference", timings.inferenceMs())
                .setParameter("encode", timings.encodeMs())
                .setParameter("upload", timings.uploadMs())
                .setParameter("total", timings.totalMs());
    }
}
