package io.imagefusion.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The {@code Allow} header of JobResource's two paths. The framework's automatic OPTIONS answer lists every
 * method of the resource class (POST for {@code /jobs/{jobId}} too) and its 405 lists none; both are set from
 * here instead.
 */
final class AllowHeader {

    private AllowHeader() {
    }

    /** HEAD and OPTIONS come with every JAX-RS resource; POST only with the collection. */
    static String of(String path) {
        return path.matches("/?jobs/?") ? "GET, HEAD, OPTIONS, POST" : "GET, HEAD, OPTIONS";
    }

    /** Corrects the automatic OPTIONS answer. */
    static class OnOptions {
        @ServerResponseFilter
        void correct(ContainerRequestContext request, ContainerResponseContext response) {
            if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
                response.getHeaders().putSingle(HttpHeaders.ALLOW, of(request.getUriInfo().getPath()));
            }
        }
    }
}
