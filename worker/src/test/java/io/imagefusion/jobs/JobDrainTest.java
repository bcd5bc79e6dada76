package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The stop sequence: no new jobs, running ones finish, or are interrupted once the drain time is up. */
class JobDrainTest {

    @Test
    void aJobThatFinishesWithinTheDrainTimeIsNotInterrupted() throws Exception {
        JobDrain drain = new JobDrain();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread job = running(drain, Duration.ofMillis(300), interrupted);

        assertThat(drain.stop(Duration.ofSeconds(10))).isTrue();
        job.join();
        assertThat(interrupted).isFalse();
        assertThat(drain.handingBack()).isFalse();
    }

    @Test
    void aJobStillRunningAtTheDrainTimeIsInterruptedAndNothingNewStarts() throws Exception {
        JobDrain drain = new JobDrain();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread job = running(drain, Duration.ofMinutes(5), interrupted);

        assertThat(drain.stop(Duration.ofMillis(200))).isTrue();
        job.join();
        assertThat(interrupted).isTrue();
        assertThat(drain.handingBack()).isTrue();
        assertThat(drain.enter()).isFalse();
    }

    /** A thread that enters the drain, works for {@code work} unless interrupted, and exits it. */
    private static Thread running(JobDrain drain, Duration work, AtomicBoolean interrupted) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Thread job = new Thread(() -> {
            assertThat(drain.enter()).isTrue();
            entered.countDown();
            try {
                Thread.sleep(work.toMillis());
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                drain.exit();
            }
        });
        job.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        return job;
    }
}
