package io.imagefusion.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The framework's own refusals (no such path, a method or media type the API does not serve, a body it cannot
 * read) answer with the error body too, named by their status ({@code METHOD_NOT_ALLOWED},
 * {@code UNSUPPORTED_MEDIA_TYPE}, ...), instead of an empty one. A 405 names the methods the path does serve in
 * {@code Allow}, as RFC 9110 requires; the framework leaves it out.
 */
class HttpErrorMapper {

    @ServerExceptionMapper
    Response refused(WebApplicationException refused, UriInfo uri) {
        Response original = refused.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder response = Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code(status), status.getReasonPhrase()));
        if (status.getStatusCode() == 405 && original.getHeaderString(HttpHeaders.ALLOW) == null) {
            response.header(HttpHeaders.ALLOW, AllowHeader.of(uri.getPath()));
        }
        return response.build();
    }

    private static String code(Response.StatusType status) {
        return status.getReasonPhrase().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
