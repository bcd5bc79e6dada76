package io.imagefusion.jobs;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.jboss.logging.Logger;

/**
 * Runs a step, retrying retryable failures with exponential backoff; gives up after
 * {@code fusion.jobs.retry.max-attempts} tries (or a time budget) by throwing the classified failure.
 */
final class Retrier {

    private static final Logger LOG = Logger.getLogger(Retrier.class);

    private final JobsConfig.Retry config;

    Retrier(JobsConfig.Retry config) {
        this.config = config;
    }

    <T> T call(String jobId, String step, Callable<T> action) {
        return call(jobId, step, action, attempt -> attempt >= config.maxAttempts());
    }

    /**
     * Like {@link #call}, but retries for {@code budget} instead of a number of tries: for a step whose work is
     * done and only needs recording, where giving up early would throw that work away.
     */
    <T> T callFor(String jobId, String step, Duration budget, Callable<T> action) {
        long deadline = System.nanoTime() + budget.toNanos();
        return call(jobId, step, action, attempt -> System.nanoTime() - deadline >= 0);
    }

    private <T> T call(String jobId, String step, Callable<T> action, IntPredicate lastTry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerStopping(jobId);
            } catch (WorkerStopping e) {
                throw e;
            } catch (Exception e) {
                FusionFailure failure = Failures.classify(e, jobId);
                if (!failure.code().retryable() || lastTry.test(attempt)) {
                    throw failure;
                }
                Duration wait = backoff(attempt);
                LOG.warnf("%s failed (%s), try %d, retrying in %d ms", step, failure.reason(), attempt,
                        wait.toMillis());
                sleep(jobId, wait);
            }
        }
    }

    /** Wait after the {@code attempt}-th failed try: initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long millis = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }

    /** @throws WorkerStopping when interrupted: the process is shutting down */
    static void sleep(String jobId, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStopping(jobId);
        }
    }
}
