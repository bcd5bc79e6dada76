package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which states are final (a redelivery does not run them again) and how retries back off. */
class JobStateTest {

    @Test
    void succeededIsFinal() {
        assertThat(job(JobStatus.SUCCEEDED, null).isFinal()).isTrue();
    }

    @Test
    void permanentFailureIsFinalButAnOutageIsNot() {
        assertThat(job(JobStatus.FAILED, FailureCode.SOURCE_NOT_FOUND).isFinal()).isTrue();
        assertThat(job(JobStatus.FAILED, FailureCode.STORAGE_UNAVAILABLE).isFinal()).isFalse();
    }

    @Test
    void queuedAndRunningAreInProgress() {
        assertThat(job(JobStatus.QUEUED, null).isFinal()).isFalse();
        assertThat(job(JobStatus.RUNNING, null).isFinal()).isFalse();
        assertThat(JobStatus.QUEUED.inProgress()).isTrue();
        assertThat(JobStatus.RUNNING.inProgress()).isTrue();
        assertThat(JobStatus.FAILED.inProgress()).isFalse();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        Retrier retrier = new Retrier(new JobsConfig.Retry() {
            public int maxAttempts() {
                return 5;
            }

            public Duration initialBackoff() {
                return Duration.ofSeconds(1);
            }

            public Duration maxBackoff() {
                return Duration.ofSeconds(5);
            }

            public Duration recordFor() {
                return Duration.ofMinutes(5);
            }
        });
        assertThat(retrier.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retrier.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retrier.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retrier.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retrier.backoff(60)).isEqualTo(Duration.ofSeconds(5));
    }

    private static FusionJob job(JobStatus status, FailureCode code) {
        FusionJob job = new FusionJob();
        job.status = status;
        job.errorCode = code;
        return job;
    }
}
