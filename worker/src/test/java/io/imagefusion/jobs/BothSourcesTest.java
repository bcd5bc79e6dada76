package io.imagefusion.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.storage.StorageException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both halves of a stage run at once, and failures come out as a sequential run would report them. */
class BothSourcesTest {

    private final BothSources both = new BothSources();

    @AfterEach
    void stop() {
        both.stop();
    }

    @Test
    void halvesRunAtOnce() throws InterruptedException {
        // given two halves that each wait for the other to have started: only concurrent halves finish
        CountDownLatch started = new CountDownLatch(2);
        BothSources.Pair<String> pair = both.run(() -> meet(started, "ir"), () -> meet(started, "vis"));
        assertThat(pair.infrared()).isEqualTo("ir");
        assertThat(pair.visible()).isEqualTo("vis");
    }

    @Test
    void infraredFailureWinsWhenBothFail() {
        assertThatThrownBy(() -> both.run(() -> {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "infrared missing");
        }, () -> {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "visible unreadable");
        })).isInstanceOf(StorageException.class).hasMessage("infrared missing");
    }

    @Test
    void visibleFailureIsThrownOnceTheInfraredHalfHasEnded() {
        AtomicBoolean infraredEnded = new AtomicBoolean();
        assertThatThrownBy(() -> both.run(() -> {
            sleep(100);
            infraredEnded.set(true);
            return "ir";
        }, () -> {
            throw new FusionFailure(FailureCode.UNDECODABLE_IMAGE, "visible undecodable");
        })).isInstanceOf(FusionFailure.class).hasMessage("visible undecodable");
        assertThat(infraredEnded).isTrue();
    }

    @Test
    void afterStopTheHalvesRunInSequence() throws InterruptedException {
        both.stop();
        String caller = Thread.currentThread().getName();
        BothSources.Pair<String> pair = both.run(() -> Thread.currentThread().getName(), () -> "vis");
        assertThat(pair.infrared()).isEqualTo(caller);
    }

    private static String meet(CountDownLatch started, String value) {
        started.countDown();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other half never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
