-- One row per job id (the client's idempotency key). States and their timestamps:
-- QUEUED created_at, RUNNING started_at (+ heartbeat_at while alive), SUCCEEDED succeeded_at, FAILED failed_at.
CREATE TABLE fusion_job (
    job_id              VARCHAR(128) PRIMARY KEY,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    task                VARCHAR(64),
    request_json        TEXT,
    attempts            INTEGER      NOT NULL DEFAULT 0,
    worker_id           VARCHAR(255),
    output_bucket       VARCHAR(63),
    output_key          VARCHAR(1024),
    error_code          VARCHAR(64),
    error_message       TEXT,
    model_name          VARCHAR(128),
    model_version       VARCHAR(64),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    heartbeat_at        TIMESTAMPTZ,
    succeeded_at        TIMESTAMPTZ,
    failed_at           TIMESTAMPTZ,
    result_published_at TIMESTAMPTZ,
    download_ms         BIGINT,
    decode_ms           BIGINT,
    inference_ms        BIGINT,
    encode_ms           BIGINT,
    upload_ms           BIGINT,
    total_ms            BIGINT
);

-- GET /jobs?status=... pages by job id within a status
CREATE INDEX fusion_job_status_id ON fusion_job (status, job_id);
