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
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    /** Schemas of src/main/resources/META-INF/openapi.yaml. */
    private static final String JOB = "JobView";
    private static final String ERROR = "ErrorBody";
    private static final String JOB_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";
    /** A status filter: empty for all, else a status name in any ASCII case (the OpenAPI pattern says the same). */
    private static final String STATUS_PATTERN = "^$|^([Qq][Uu][Ee][Uu][Ee][Dd]|[Rr][Uu][Nn][Nn][Ii][Nn][Gg]"
            + "|[Ss][Uu][Cc][Cc][Ee][Ee][Dd][Ee][Dd]|[Ff][Aa][Ii][Ll][Ee][Dd])$";
    private static final Pattern STATUS = Pattern.compile(STATUS_PATTERN);
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

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
    @APIResponse(responseCode = "414", description = "The request line is longer than the HTTP server accepts; answered before the API sees the request")
    @Operation(summary = "Submit a fusion request (schemas/fusion-request.v1.schema.json)")
    @APIResponse(responseCode = "202", description = "Accepted and published (a new job, or a known one that no"
            + " worker will finish: RUNNING with a stale heartbeat, or FAILED with a retryable code); Location names"
            + " the job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = JOB)))
    @APIResponse(responseCode = "200", description = "The jobId is known and in hand: the existing job, nothing published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = JOB)))
    @APIResponse(responseCode = "400", description = "Not JSON, breaks the schema, or a bad key", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one (UNAUTHENTICATED)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "403", description = "A bucket is not on the allow-list, or the token lacks the submit"
            + " role (FORBIDDEN)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "415", description = "Not sent as application/json", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "422", description = "A task other than infrared-visible (UNSUPPORTED_TASK)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "503", description = "Database or Kafka unavailable; retry later", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public Response submit(@RequestBody(description = "A fusion request v1", required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SubmittableRequest"))) String body,
            @Context UriInfo uri) {
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
    @APIResponse(responseCode = "414", description = "The request line is longer than the HTTP server accepts; answered before the API sees the request")
    @Operation(summary = "A job's status, timestamps, error, output location and timings")
    @APIResponse(responseCode = "200", description = "The job; Retry-After while QUEUED or RUNNING", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = JOB)))
    @APIResponse(responseCode = "400", description = "Not a job id (INVALID_REQUEST)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one, unless"
            + " fusion.auth.open-job-reads (UNAUTHENTICATED)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "403", description = "The token lacks the read role (FORBIDDEN)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "404", description = "Unknown job id (JOB_NOT_FOUND)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "503", description = "Database unavailable; retry later", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public Response get(@PathParam("jobId") @Parameter(schema = @Schema(type = SchemaType.STRING,
            pattern = JOB_ID_PATTERN)) String jobId) {
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
    @APIResponse(responseCode = "414", description = "The request line is longer than the HTTP server accepts; answered before the API sees the request")
    @Operation(summary = "Jobs ordered by job id, optionally of one status; page with 'after'")
    @APIResponse(responseCode = "200", description = "One page of jobs", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "JobPage")))
    @APIResponse(responseCode = "400", description = "A bad status, after or limit (INVALID_REQUEST)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "401", description = "No bearer token, or a refused one (UNAUTHENTICATED)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "403", description = "The token lacks the read role (FORBIDDEN)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    @APIResponse(responseCode = "503", description = "Database unavailable; retry later", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ERROR)))
    public JobPage list(
            @QueryParam("status") @Parameter(description = "QUEUED, RUNNING, SUCCEEDED or FAILED, in any case",
                    schema = @Schema(type = SchemaType.STRING, pattern = STATUS_PATTERN)) String status,
            @QueryParam("after") @Parameter(description = "the last job id of the previous page",
                    schema = @Schema(type = SchemaType.STRING, pattern = JOB_ID_PATTERN)) String after,
            @QueryParam("limit") @DefaultValue("50") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "50")) String limitParameter,
            @Context UriInfo uri) {
        int limit = parseLimit(given(uri, "limit", limitParameter));
        List<JobView> items = jobs.list(parseStatus(status), Optional.ofNullable(given(uri, "after", after)), limit)
                .stream()
                .map(JobView::of).toList();
        String next = items.size() == limit ? items.get(items.size() - 1).jobId() : null;
        return new JobPage(items, next);
    }

    /**
     * JAX-RS binds {@code ?after=} and {@code ?limit=} as if they were absent (null, or the default): an empty
     * value is then read as "first page" or "50" instead of being refused as the non-id and non-number it is.
     */
    private static String given(UriInfo uri, String name, String bound) {
        String raw = uri.getQueryParameters().getFirst(name);
        return raw != null ? raw : bound;
    }

    /**
     * Parsed here rather than bound as an {@code int}: JAX-RS answers a query parameter that does not convert
     * with 404, which reads as "no such resource" instead of "bad request".
     */
    private static int parseLimit(String limit) {
        // digits only: Integer.parseInt would also take "+5" and "٥", which the documented integer is not
        if (LIMIT.matcher(limit).matches()) {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        }
        throw new FusionFailure(FailureCode.INVALID_REQUEST, "limit must be a whole number 1.." + MAX_LIMIT);
    }

    private static Optional<JobStatus> parseStatus(String status) {
        if (status == null || status.isEmpty()) {
            return Optional.empty();
        }
        // matched before upper-casing: toUpperCase turns a dotless i into I, so "faıled" would pass as FAILED
        if (!STATUS.matcher(status).matches()) {
            throw new FusionFailure(FailureCode.INVALID_REQUEST, "status must be one of QUEUED, RUNNING, SUCCEEDED, FAILED");
        }
        return Optional.of(JobStatus.valueOf(status.toUpperCase(Locale.ROOT)));
    }
}
