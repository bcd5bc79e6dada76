package io.imagefusion.jobs;

import io.imagefusion.inference.FusionModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Handles one delivered request exactly once per job, however often it is delivered:
 * insert-if-new, claim (or wait for the live owner), run with heartbeat and transient retries, record the
 * final state, publish the result. Returns the failure to dead-letter, if any.
 *
 * <p>When transient retries are exhausted the job is recorded FAILED with the transient (retryable) code
 * and dead-lettered, so the partition moves on; resubmitting the same jobId (or replaying the dead letter)
 * runs it again. If the database itself stays down, nothing can be recorded: the failure is dead-lettered
 * and the row keeps its last state, which a replay resumes from.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobStore store;
    private final FusionPipeline pipeline;
    private final Heartbeats heartbeats;
    private final ResultPublisher results;
    private final FusionModel model;
    private final JobMetrics metrics;
    private final JobsConfig config;
    private final WorkerId worker;
    private final Retrier retrier;
    private final JobDrain drain;

    JobRunner(JobStore store, FusionPipeline pipeline, Heartbeats heartbeats, ResultPublisher results,
            FusionModel model, JobMetrics metrics, JobsConfig config, WorkerId worker, JobDrain drain) {
        this.store = store;
        this.pipeline = pipeline;
        this.heartbeats = heartbeats;
        this.results = results;
        this.model = model;
        this.metrics = metrics;
        this.config = config;
        this.worker = worker;
        this.retrier = new Retrier(config.retry());
        this.drain = drain;
    }

    /**
     * @return the failure to dead-letter the request with, or empty to acknowledge it
     * @throws WorkerStopping when the process is shutting down: leave the request unacknowledged
     */
    public Optional<FusionFailure> handle(ValidRequest valid) {
        String id = valid.jobId();
        if (!drain.enter()) {
            throw new WorkerStopping(id);
        }
        try {
            return admitted(valid);
        } finally {
            drain.exit();
        }
    }

    private Optional<FusionFailure> admitted(ValidRequest valid) {
        FusionRequest request = valid.request();
        String id = request.jobId();
        retrier.call(id, "insert job " + id, () -> store.insertQueued(request, valid.json()));
        while (!retrier.call(id, "claim job " + id, () -> store.claim(id, worker.value(), config.takeoverAfter()))) {
            FusionJob current = load(id);
            if (current.isFinal()) {
                LOG.infof("job %s already %s; not running it again", id, current.status);
                metrics.duplicate();
                publishIfUnpublished(current);
                return current.status == JobStatus.FAILED
                        ? Optional.of(new FusionFailure(current.errorCode, current.errorMessage))
                        : Optional.empty();
            }
            if (drain.stopping()) {
                throw new WorkerStopping(id);
            }
            // RUNNING on a live worker (e.g. a rebalance handed us its record): it finishes, or its heartbeat stops
            LOG.infof("job %s is running on %s; waiting", id, current.workerId);
            Retrier.sleep(id, config.heartbeatInterval());
        }
        return run(request);
    }

    /**
     * Records a request refused at the boundary as a FAILED job (when it names a job id and that job has not
     * run) and publishes its result.
     *
     * @throws WorkerStopping when the process is shutting down: leave the request unacknowledged
     */
    public void reject(InvalidRequestException refused) {
        String id = refused.jobId().orElse("(no job id)");
        if (!drain.enter()) {
            throw new WorkerStopping(id);
        }
        try {
            refused.jobId().ifPresent(jobId -> {
                if (retrier.call(jobId, "reject job " + jobId,
                        () -> store.rejectUnclaimed(jobId, refused.task(), refused.failure(), worker.value()))) {
                    finished(load(jobId));
                }
            });
        } finally {
            drain.exit();
        }
    }

    private Optional<FusionFailure> run(FusionRequest request) {
        String id = request.jobId();
        LOG.infof("job %s claimed by %s", id, worker);
        try (AutoCloseable beat = heartbeats.start(id, worker)) {
            Outcome outcome = attempts(request);
            if (outcome.failure() != null) {
                FusionFailure failure = outcome.failure();
                LOG.warnf("job %s failed: %s", id, failure.reason());
                boolean ours = recordFinal(id, () -> store.fail(id, worker.value(), failure,
                        model.contract().name(), model.contract().version(), outcome.timings()));
                return complete(id, ours, Optional.of(failure));
            }
            // The output is in the store: from here only the database write is retried, never the pipeline.
            // If the database stays down past fusion.jobs.retry.record-for, the failure is dead-lettered with
            // the row still RUNNING; a replay takes the job over and may replace its own output.
            PipelineResult result = outcome.result();
            boolean ours = recordFinal(id, () -> store.succeed(id, worker.value(),
                    result.output().bucket(), result.output().key(), model.contract().name(),
                    model.contract().version(), result.timings()));
            return complete(id, ours, Optional.empty());
        } catch (WorkerStopping e) {
            handBack(id);
            throw e;
        } catch (FusionFailure e) {
            throw e;
        } catch (Exception e) {
            throw Failures.classify(e, id);
        }
    }

    /** Writes a job's final state, retrying for fusion.jobs.retry.record-for; false when the job is not ours. */
    private boolean recordFinal(String id, Callable<Boolean> write) {
        return retrier.callFor(id, "record job " + id, config.retry().recordFor(), () -> {
            try {
                return write.call();
            } catch (Exception e) {
                if (drain.handingBack()) {
                    // the stop's hand-back time is shorter than record-for: hand the job back instead of retrying
                    throw new WorkerStopping(id);
                }
                throw e;
            }
        });
    }

    /** What the pipeline came to after its transient retries: a result, or a failure with its attempt's timings. */
    private record Outcome(PipelineResult result, FusionFailure failure, Timings timings) {
    }

    /** Runs the pipeline, again from the start after a transient failure (a source download, the upload). */
    private Outcome attempts(FusionRequest request) {
        String id = request.jobId();
        for (int attempt = 1; ; attempt++) {
            Timings.Clock clock = new Timings.Clock();
            try {
                PipelineResult result = pipeline.run(request, clock);
                return new Outcome(result, null, result.timings());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerStopping(id);
            } catch (WorkerStopping e) {
                throw e;
            } catch (Exception e) {
                if (drain.handingBack()) {
                    // an interrupt can surface as any I/O or executor error: never record it as the job's failure
                    throw new WorkerStopping(id);
                }
                FusionFailure failure = Failures.classify(e, id);
                if (!failure.code().retryable() || attempt >= config.retry().maxAttempts()) {
                    return new Outcome(null, failure, clock.snapshot());
                }
                LOG.warnf("job %s attempt %d: %s; retrying", id, attempt, failure.reason());
                Retrier.sleep(id, retrier.backoff(attempt));
            }
        }
    }

    /**
     * Returns an interrupted job to QUEUED so that the worker its request is redelivered to starts it at once,
     * instead of waiting for the heartbeat to age past takeover-after. Never FAILED: nothing was wrong with it.
     */
    private void handBack(String id) {
        // the interrupt has done its work; left set, it would abort the database call below
        Thread.interrupted();
        try {
            if (store.release(id, worker.value())) {
                LOG.infof("job %s handed back (QUEUED) for redelivery", id);
            }
        } catch (RuntimeException e) {
            LOG.warnf("job %s could not be handed back (%s); it is taken over once its heartbeat is older than"
                    + " takeover-after", id, e.getClass().getSimpleName());
        }
    }

    private Optional<FusionFailure> complete(String id, boolean ours, Optional<FusionFailure> failure) {
        if (!ours) {
            // our heartbeat lapsed and another worker took over: its result is the one that counts
            LOG.warnf("job %s was taken over by another worker; dropping this attempt's result", id);
            return Optional.empty();
        }
        finished(load(id));
        return failure;
    }

    private void finished(FusionJob job) {
        LOG.infof("job %s %s%s after %d attempt(s)", job.jobId, job.status,
                job.errorCode == null ? "" : " (" + job.errorCode + ")", job.attempts);
        metrics.finished(job);
        publishIfUnpublished(job);
    }

    private void publishIfUnpublished(FusionJob job) {
        if (job.resultPublishedAt != null) {
            return;
        }
        ResultEvent event = ResultEvent.of(job,
                new ResultEvent.Model(model.contract().name(), model.contract().version()));
        retrier.call(job.jobId, "publish result of " + job.jobId, () -> {
            results.publish(event);
            return null;
        });
        retrier.call(job.jobId, "mark result of " + job.jobId, () -> {
            store.markResultPublished(job.jobId);
            return null;
        });
    }

    private FusionJob load(String id) {
        return retrier.call(id, "read job " + id, () -> store.get(id))
                .orElseThrow(() -> new FusionFailure(FailureCode.INTERNAL, "job " + id + " vanished"));
    }
}
