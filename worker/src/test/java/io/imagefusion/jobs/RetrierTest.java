package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.storage.StorageException;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transient failures are retried a bounded number of times; permanent ones are not retried at all. */
class RetrierTest {

    private final Retrier retrier = new Retrier(new JobsConfig.Retry() {
        public int maxAttempts() {
            return 3;
        }

        public Duration initialBackoff() {
            return Duration.ofMillis(1);
        }

        public Duration maxBackoff() {
            return Duration.ofMillis(2);
        }

        public Duration recordFor() {
            return Duration.ofMillis(200);
        }
    });

    @Test
    void aTimeBudgetRetriesPastTheNumberOfTries() {
        // Given an outage that outlasts max-attempts (3) but not the budget
        AtomicInteger tries = new AtomicInteger();
        boolean recorded = retrier.callFor("j", "record", Duration.ofSeconds(5), () -> {
            if (tries.incrementAndGet() < 10) {
                throw new PersistenceException("database down");
            }
            return true;
        });
        assertThat(recorded).isTrue();
        assertThat(tries).hasValue(10);
    }

    @Test
    void aTimeBudgetEndsWithTheRetryableCode() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> retrier.callFor("j", "record", Duration.ofMillis(100), () -> {
            throw new PersistenceException("database down");
        })).isInstanceOfSatisfying(FusionFailure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.DATABASE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void outageThatEndsIsRiddenOut() {
        AtomicInteger tries = new AtomicInteger();
        String value = retrier.call("j", "download", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new StorageException(StorageException.Kind.UNAVAILABLE, "store down");
            }
            return "ok";
        });
        assertThat(value).isEqualTo("ok");
        assertThat(tries).hasValue(3);
    }

    @Test
    void outageThatLastsEndsWithTheRetryableCode() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("j", "download", () -> {
            tries.incrementAndGet();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "store down");
        })).isInstanceOfSatisfying(FusionFailure.class, f -> {
            assertThat(f.code()).isEqualTo(FailureCode.STORAGE_UNAVAILABLE);
            assertThat(f.code().retryable()).isTrue();
        });
        assertThat(tries).hasValue(3);
    }

    @Test
    void permanentFailureIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("j", "download", () -> {
            tries.incrementAndGet();
            throw new StorageException(StorageException.Kind.NOT_FOUND, "object fusion-inputs/a.png does not exist");
        })).isInstanceOfSatisfying(FusionFailure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.SOURCE_NOT_FOUND));
        assertThat(tries).hasValue(1);
    }

    @Test
    void interruptionDuringBackoffMeansTheWorkerIsStoppingNotThatTheJobFailed() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retrier.call("j", "download", () -> {
                throw new StorageException(StorageException.Kind.UNAVAILABLE, "store down");
            })).isInstanceOf(WorkerStopping.class).hasMessageContaining("job j");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}
