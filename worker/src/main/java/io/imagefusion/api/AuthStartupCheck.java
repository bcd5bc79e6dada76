package io.imagefusion.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fails closed: with authentication on (the default) and no key or issuer to verify tokens with, SmallRye JWT
 * would start and refuse every token, so the API would look up but answer 401 to everyone. The worker refuses
 * to start instead, saying what to set.
 */
@ApplicationScoped
class AuthStartupCheck {

    private static final Logger LOG = Logger.getLogger(AuthStartupCheck.class);

    void check(@Observes StartupEvent start, AuthConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        if (!config.enabled()) {
            LOG.warn("fusion.auth.enabled=false: POST /jobs and GET /jobs answer every caller without a token");
            return;
        }
        problem(keyLocation.or(() -> inlineKey), issuer).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        LOG.infof("REST API: bearer tokens of issuer %s; GET /jobs/{jobId} %s", issuer.orElseThrow(),
                config.openJobReads() ? "open (fusion.auth.open-job-reads)" : "needs role " + config.readRole());
    }

    static Optional<String> problem(Optional<String> key, Optional<String> issuer) {
        boolean noKey = key.filter(k -> !k.isBlank()).isEmpty();
        boolean noIssuer = issuer.filter(i -> !i.isBlank()).isEmpty();
        if (!noKey && !noIssuer) {
            return Optional.empty();
        }
        return Optional.of("REST API authentication is on (fusion.auth.enabled) but "
                + (noKey ? "no public key verifies tokens (set mp.jwt.verify.publickey.location, e.g. "
                        + "MP_JWT_VERIFY_PUBLICKEY_LOCATION=/etc/fusion/jwt-public.pem)" : "")
                + (noKey && noIssuer ? " and " : "")
                + (noIssuer ? "no issuer is required of them (set mp.jwt.verify.issuer)" : "")
                + "; or set fusion.auth.enabled=false where a gateway in front authenticates");
    }
}
