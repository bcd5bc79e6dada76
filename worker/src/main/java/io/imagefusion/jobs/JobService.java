package io.imagefusion.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** What the REST API may do with jobs: submit, look up, list. */
@ApplicationScoped
public class JobService {

    private final RequestValidator validator;
    private final JobStore store;
    private final RequestPublisher requests;
    private final JobsConfig config;

    JobService(RequestValidator validator, JobStore store, RequestPublisher requests, JobsConfig config) {
        this.validator = validator;
        this.store = store;
        this.requests = requests;
        this.config = config;
    }

    /**
     * A submitted job and what this submission did.
     *
     * @param created     the job is new
     * @param republished the job was known but stranded, and its request was published again
     */
    public record Submission(FusionJob job, boolean created, boolean republished) {

        /** True when this submission published the request (the client should expect a result event). */
        public boolean published() {
            return created || republished;
        }
    }

    /**
     * Validates, records QUEUED and publishes the request. A known jobId answers with the existing job and
     * publishes nothing, unless the job is stranded ({@link JobStore#stranded}): then its stored request is
     * published again, so that a client can recover a job whose worker died, by submitting it again.
     *
     * @throws InvalidRequestException for a request refused at the boundary
     * @throws FusionFailure           DATABASE_UNAVAILABLE or MESSAGING_UNAVAILABLE
     */
    public Submission submit(String json) {
        ValidRequest valid = validator.validate(json);
        String id = valid.jobId();
        boolean created = guarded(id, () -> store.insertQueued(valid.request(), json));
        if (!created) {
            return known(id, json);
        }
        try {
            requests.publish(id, json);
        } catch (RuntimeException e) {
            // unpublished, the row would block every later submission of this jobId
            guarded(id, () -> {
                store.deleteQueued(id);
                return null;
            });
            throw Failures.classify(e, id);
        }
        return new Submission(find(id).orElseThrow(), true, false);
    }

    private Submission known(String id, String json) {
        if (!guarded(id, () -> store.stranded(id, config.takeoverAfter()))) {
            return new Submission(find(id).orElseThrow(), false, false);
        }
        FusionJob job = find(id).orElseThrow();
        // the stored request is the job's; the one just posted may differ in anything but the jobId
        String request = job.requestJson != null ? job.requestJson : json;
        try {
            requests.publish(id, request);
        } catch (RuntimeException e) {
            throw Failures.classify(e, id);
        }
        return new Submission(job, false, true);
    }

    /** @throws FusionFailure INVALID_REQUEST for an id that breaks the job id rule (it names no job) */
    public Optional<FusionJob> find(String jobId) {
        JobId.check("job id", jobId);
        return guarded(jobId, () -> store.get(jobId));
    }

    /** @throws FusionFailure INVALID_REQUEST for an {@code after} that is not a job id */
    public List<FusionJob> list(Optional<JobStatus> status, Optional<String> after, int limit) {
        after.ifPresent(id -> JobId.check("after", id));
        return guarded("-", () -> store.page(status, after, limit));
    }

    private static <T> T guarded(String jobId, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw Failures.classify(e, jobId);
        }
    }
}
