package io.imagefusion.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call the REST API ({@code fusion.auth.*}). Tokens are RS256 JWTs verified by SmallRye JWT against
 * {@code mp.jwt.verify.publickey.location} (or {@code mp.jwt.verify.publickey}) and {@code mp.jwt.verify.issuer};
 * roles come from the token's {@code groups} claim.
 */
@ConfigMapping(prefix = "fusion.auth")
public interface AuthConfig {

    /**
     * Whether {@code POST /jobs} and {@code GET /jobs} need a bearer token. On by default; with it on, the worker
     * refuses to start without a public key and an issuer ({@link AuthStartupCheck}). Turning it off (only
     * behind a gateway that authenticates, or in dev mode) lets every caller submit and list jobs.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether {@code GET /jobs/{jobId}} answers without a token: a client that knows a job id (its own,
     * client-chosen idempotency key) may follow it without holding the read role.
     */
    @WithDefault("false")
    boolean openJobReads();

    /** Role (an entry of the token's {@code groups} claim) that may submit jobs. */
    @WithDefault("fusion-submit")
    String submitRole();

    /** Role that may list jobs and, unless {@link #openJobReads()}, read one. */
    @WithDefault("fusion-read")
    String readRole();
}
