package io.imagefusion.api;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@link Guarded} with the error body of every other refusal. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}): the token is verified only here, for an operation that needs a
 * role, so health, metrics, OpenAPI and open reads never answer 401 because of a header they do not need, and
 * a refused token reaches this filter as a failure it can answer with a body instead of an empty 401.
 */
class AccessFilter {

    /** Codes of the error body; not {@link io.imagefusion.jobs.FailureCode}s, since no job failed. */
    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String FORBIDDEN = "FORBIDDEN";

    private final AuthConfig config;
    private final CurrentIdentityAssociation identities;

    AccessFilter(AuthConfig config, CurrentIdentityAssociation identities) {
        this.config = config;
        this.identities = identities;
    }

    @ServerRequestFilter
    Uni<Response> guard(ResourceInfo resource) {
        Guarded guarded = resource.getResourceMethod().getAnnotation(Guarded.class);
        Optional<String> role = guarded == null ? Optional.empty() : guarded.value().requiredRole(config);
        if (role.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, role.get()))
                .onFailure(failure -> failure instanceof AuthenticationException)
                .recoverWithItem(() -> refuse(401, UNAUTHENTICATED, "the bearer token was refused (signature, issuer"
                        + " or expiry)", "Bearer error=\"invalid_token\""));
    }

    private static Response decide(SecurityIdentity identity, String role) {
        if (identity.isAnonymous()) {
            return refuse(401, UNAUTHENTICATED, "a bearer token is required", "Bearer");
        }
        if (!identity.hasRole(role)) {
            return refuse(403, FORBIDDEN, "the token of " + identity.getPrincipal().getName()
                    + " lacks the role " + role, null);
        }
        return null;
    }

    private static Response refuse(int status, String code, String message, String challenge) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message));
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.build();
    }
}
