package io.imagefusion.api;

import java.util.Optional;

/** What a REST operation does, and so which role it needs. */
public enum Access {
    /** {@code POST /jobs}. */
    SUBMIT,
    /** {@code GET /jobs}: every client's jobs, so never open. */
    LIST,
    /** {@code GET /jobs/{jobId}}: open when {@code fusion.auth.open-job-reads}. */
    READ_ONE;

    /** The role a caller must hold, or empty when the operation is open under {@code config}. */
    Optional<String> requiredRole(AuthConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return switch (this) {
            case SUBMIT -> Optional.of(config.submitRole());
            case LIST -> Optional.of(config.readRole());
            case READ_ONE -> config.openJobReads() ? Optional.empty() : Optional.of(config.readRole());
        };
    }
}
