package io.imagefusion.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One job row (table {@code fusion_job}, created by Flyway). State changes go through {@link JobStore}'s
 * conditional updates; instances handed out are detached snapshots.
 */
@Entity
@Table(name = "fusion_job")
public class FusionJob extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public JobStatus status;

    @Column(name = "task")
    public String task;

    @Column(name = "request_json")
    public String requestJson;

    @Column(name = "attempts")
    public int attempts;

    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "output_bucket")
    public String outputBucket;

    @Column(name = "output_key")
    public String outputKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "error_code")
    public FailureCode errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "model_name")
    public String modelName;

    @Column(name = "model_version")
    public String modelVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "succeeded_at")
    public Instant succeededAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "result_published_at")
    public Instant resultPublishedAt;

    @Column(name = "download_ms")
    public Long downloadMs;

    @Column(name = "decode_ms")
    public Long decodeMs;

    @Column(name = "inference_ms")
    public Long inferenceMs;

    @Column(name = "encode_ms")
    public Long encodeMs;

    @Column(name = "upload_ms")
    public Long uploadMs;

    @Column(name = "total_ms")
    public Long totalMs;

    /** SUCCEEDED, or FAILED with a code that a retry cannot fix. */
    public boolean isFinal() {
        return status == JobStatus.SUCCEEDED
                || (status == JobStatus.FAILED && (errorCode == null || !errorCode.retryable()));
    }

    public Instant finishedAt() {
        return status == JobStatus.SUCCEEDED ? succeededAt : failedAt;
    }
}
