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

    JobService(RequestValidator validator, JobStore store, RequestPublisher requests) {
        this.validator = validator;
        this.store = store;
        this.requests = requests;
    }

    /** A submitted job and whether this submission created it. */
    public record Submission(FusionJob job, boolean created) {
    }

    /**
     * Validates, records QUEUED and publishes the request; a known jobId answers with the existing job and
     * publishes nothing.
     *
     * @throws InvalidRequestException for a request refused at the boundary
     * @throws FusionFailure           DATABASE_UNAVAILABLE or MESSAGING_UNAVAILABLE
     */
    public Submission submit(String json) {
        ValidRequest valid = validator.validate(json);
        String id = valid.jobId();
        boolean created = guarded(id, () -> store.insertQueued(valid.request(), json));
        if (created) {
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
        }
        return new Submission(find(id).orElseThrow(), created);
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
