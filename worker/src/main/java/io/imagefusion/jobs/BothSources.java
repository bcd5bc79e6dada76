package io.imagefusion.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one pipeline stage for the infrared and the visible source at once: they are independent, and a job's
 * download and decode otherwise pay for both one after the other. The infrared half runs on a helper thread,
 * the visible half on the caller's.
 *
 * <p>Failures come out as in sequence: when both halves fail, the infrared failure is thrown, the one a
 * sequential run would have stopped at. A helper exists only while a job is in such a stage (at most
 * {@code fusion.jobs.concurrency} at once) and ends after a minute idle.
 */
@ApplicationScoped
class BothSources {

    /** A stage's result for each source. */
    record Pair<T>(T infrared, T visible) {
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService helpers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fusion-source-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    <T> Pair<T> run(Supplier<T> infrared, Supplier<T> visible) throws InterruptedException {
        Future<T> infraredHalf;
        try {
            infraredHalf = helpers.submit(infrared::get);
        } catch (RejectedExecutionException shuttingDown) {
            return new Pair<>(infrared.get(), visible.get());
        }
        T visibleResult = null;
        RuntimeException visibleFailure = null;
        try {
            visibleResult = visible.get();
        } catch (RuntimeException e) {
            visibleFailure = e;
        }
        T infraredResult = await(infraredHalf);
        if (visibleFailure != null) {
            throw visibleFailure;
        }
        return new Pair<>(infraredResult, visibleResult);
    }

    private static <T> T await(Future<T> half) throws InterruptedException {
        try {
            return half.get();
        } catch (InterruptedException e) {
            half.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause()); // a Supplier throws nothing checked
        }
    }

    /** Lets running halves finish; a stage that starts afterwards runs its halves in sequence. */
    @PreDestroy
    void stop() {
        helpers.shutdown();
    }
}
