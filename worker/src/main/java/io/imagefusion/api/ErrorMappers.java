package io.imagefusion.api;

import io.imagefusion.jobs.FusionFailure;
import io.imagefusion.jobs.InvalidRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures to HTTP, through {@link io.imagefusion.jobs.FailureCode#httpStatus()}. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response failure(FusionFailure failure) {
        Response.ResponseBuilder response = Response.status(failure.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(failure.code().name(), failure.getMessage()));
        if (failure.code().retryable()) {
            response.header("Retry-After", 5);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response refused(InvalidRequestException refused) {
        return failure(refused.failure());
    }
}
