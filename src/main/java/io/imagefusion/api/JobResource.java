package io.imagefusion.api;

import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionFailure;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Submit fusion jobs and follow them; who may is {@link Guarded} per operation. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = JobResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "RS256 JWT of the configured issuer, roles in its groups claim")
public class JobResource {

    static final String BEARER = "bearer";

    static final int MAX_LIMIT = 500;
    /** The code of a 404 body: not a {@link FailureCode}, since no job failed. */
    static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
    /** Seconds a client should wait before polling an unfinished job again. */
    static final int POLL_AFTER_SECONDS = 2;

    private final JobService jobs;

    JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Guarded(Access.SUBMIT)
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "Submit a fusion request (schemas/fusion-request.v1.schema.json)")
    @APIResponse(responseCode = "202", description = "Accepted and published (a new job, or a known one that no"
            + " worker will finish: RUNNING with a stale heartbeat, or FAILED with a retryable code); Location names"
            + " the job")
    @APIResponse(responseCode = "200", description = "The jobId is known and in hand: the existing job, nothing published")
    @APIResponse(responseCode = "400", description = "Not JSON, breaks the schema, or a bad key")
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one (UNAUTHENTICATED)")
    @APIResponse(responseCode = "403", description = "A bucket is not on the allow-list, or the token lacks the submit"
            + " role (FORBIDDEN)")
    @APIResponse(responseCode = "503", description = "Database or Kafka unavailable; retry later")
    public Response submit(@RequestBody(description = "A fusion request v1") String body, @Context UriInfo uri) {
        JobService.Submission submission = jobs.submit(body);
        FusionJob job = submission.job();
        return Response.status(submission.published() ? Response.Status.ACCEPTED : Response.Status.OK)
                .location(uri.getBaseUriBuilder().path("jobs").path(job.jobId).build())
                .entity(JobView.of(job))
                .build();
    }

    @GET
    @Path("/{jobId}")
    @Guarded(Access.READ_ONE)
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "A job's status, timestamps, error, output location and timings")
    @APIResponse(responseCode = "200", description = "The job; Retry-After while QUEUED or RUNNING")
    @APIResponse(responseCode = "400", description = "Not a job id (INVALID_REQUEST)")
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one, unless"
            + " fusion.auth.open-job-reads (UNAUTHENTICATED)")
    @APIResponse(responseCode = "403", description = "The token lacks the read role (FORBIDDEN)")
    @APIResponse(responseCode = "404", description = "Unknown job id (JOB_NOT_FOUND)")
    public Response get(@PathParam("jobId") String jobId) {
        Optional<FusionJob> found = jobs.find(jobId);
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(JOB_NOT_FOUND, "no job " + jobId)).build();
        }
        FusionJob job = found.get();
        Response.ResponseBuilder response = Response.ok(JobView.of(job));
        if (job.status.inProgress()) {
            response.header("Retry-After", POLL_AFTER_SECONDS);
        }
        return response.build();
    }

    @GET
    @Guarded(Access.LIST)
    @SecurityRequirement(name = BEARER)
    @Operation(summary = "Jobs ordered by job id, optionally of one status; page with 'after'")
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one (UNAUTHENTICATED)")
    @APIResponse(responseCode = "403", description = "The token lacks the read role (FORBIDDEN)")
    @APIResponse(responseCode = "400", description = "A bad status, after or limit (INVALID_REQUEST)")
    public JobPage list(@QueryParam("status") String status, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") String limitParameter) {
        int limit = parseLimit(limitParameter);
        List<JobView> items = jobs.list(parseStatus(status), Optional.ofNullable(after), limit).stream()
                .map(JobView::of).toList();
        String next = items.size() == limit ? items.get(items.size() - 1).jobId() : null;
        return new JobPage(items, next);
    }

    /**
     * Parsed here rather than bound as an {@code int}: JAX-RS answers a query parameter that does not convert
     * with 404, which reads as "no such resource" instead of "bad request".
     */
    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new FusionFailure(FailureCode.INVALID_REQUEST, "limit must be a whole number 1.." + MAX_LIMIT);
    }

    private static Optional<JobStatus> parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new FusionFailure(FailureCode.INVALID_REQUEST, "status must be one of QUEUED, RUNNING, SUCCEEDED, FAILED");
        }
    }
}
