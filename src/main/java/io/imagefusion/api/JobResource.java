package io.imagefusion.api;

import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionFailure;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.JobService;
import io.imagefusion.jobs.JobStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Submit fusion jobs and follow them. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    static final int MAX_LIMIT = 500;
    /** Seconds a client should wait before polling an unfinished job again. */
    static final int POLL_AFTER_SECONDS = 2;

    private final JobService jobs;

    JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a fusion request (schemas/fusion-request.v1.schema.json)")
    @APIResponse(responseCode = "202", description = "Accepted and published (a new job, or a known one that no"
            + " worker will finish: RUNNING with a stale heartbeat, or FAILED with a retryable code); Location names"
            + " the job")
    @APIResponse(responseCode = "200", description = "The jobId is known and in hand: the existing job, nothing published")
    @APIResponse(responseCode = "400", description = "Not JSON, breaks the schema, or a bad key")
    @APIResponse(responseCode = "403", description = "A bucket is not on the allow-list")
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
    @Operation(summary = "A job's status, timestamps, error, output location and timings")
    @APIResponse(responseCode = "200", description = "The job; Retry-After while QUEUED or RUNNING")
    @APIResponse(responseCode = "404", description = "Unknown job id")
    public Response get(@PathParam("jobId") String jobId) {
        FusionJob job = jobs.find(jobId).orElseThrow(() -> new NotFoundException("no job " + jobId));
        Response.ResponseBuilder response = Response.ok(JobView.of(job));
        if (job.status.inProgress()) {
            response.header("Retry-After", POLL_AFTER_SECONDS);
        }
        return response.build();
    }

    @GET
    @Operation(summary = "Jobs ordered by job id, optionally of one status; page with 'after'")
    public JobPage list(@QueryParam("status") String status, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new FusionFailure(FailureCode.INVALID_REQUEST, "limit must be 1.." + MAX_LIMIT);
        }
        List<JobView> items = jobs.list(parseStatus(status), Optional.ofNullable(after), limit).stream()
                .map(JobView::of).toList();
        String next = items.size() == limit ? items.get(items.size() - 1).jobId() : null;
        return new JobPage(items, next);
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
