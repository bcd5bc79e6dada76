package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.jobs.FailureCode;
import io.imagefusion.jobs.FusionFailure;
import io.imagefusion.jobs.FusionJob;
import io.imagefusion.jobs.FusionRequest;
import io.imagefusion.jobs.JobStatus;
import io.imagefusion.jobs.JobStore;
import io.imagefusion.jobs.Timings;
import io.imagefusion.testsupport.RealServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The job state machine's conditional transitions on the real database. */
@QuarkusTest
@QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)
class JobClaimTest {

    private static final Duration LIVE = Duration.ofMinutes(10);
    private static final Timings NO_TIMINGS = new Timings(null, null, null, null, null, 1L);

    @Inject
    JobStore store;

    @Test
    void twoConsumersRacingForOneJobCannotBothWin() throws Exception {
        String id = queued();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> a = () -> store.claim(id, "worker-a", LIVE);
            Callable<Boolean> b = () -> store.claim(id, "worker-b", LIVE);
            List<Future<Boolean>> wins = pool.invokeAll(List.of(a, b));
            assertThat(wins.get(0).get() ^ wins.get(1).get()).isTrue();
        } finally {
            pool.shutdown();
        }
        assertThat(store.get(id).orElseThrow().attempts).isEqualTo(1);
    }

    @Test
    void staleRunningJobIsTakenOverAndTheOldOwnerCannotFinishIt() throws Exception {
        String id = queued();
        assertThat(store.claim(id, "dead-worker", LIVE)).isTrue();
        // a live heartbeat protects the job
        assertThat(store.claim(id, "new-worker", LIVE)).isFalse();
        Thread.sleep(50);
        // a heartbeat older than takeover-after does not
        assertThat(store.claim(id, "new-worker", Duration.ofMillis(10))).isTrue();
        assertThat(store.get(id).orElseThrow().attempts).isEqualTo(2);
        assertThat(store.heartbeat(id, "dead-worker")).isFalse();
        assertThat(store.succeed(id, "dead-worker", "b", "k", "m", "1", NO_TIMINGS)).isFalse();
        assertThat(store.succeed(id, "new-worker", "b", "k", "m", "1", NO_TIMINGS)).isTrue();
        assertThat(store.get(id).orElseThrow().status).isEqualTo(JobStatus.SUCCEEDED);
        // finished is final
        assertThat(store.claim(id, "third", Duration.ZERO)).isFalse();
    }

    @Test
    void aJobHandedBackByAStoppingWorkerIsClaimedAtOnceByTheNext() {
        String id = queued();
        assertThat(store.claim(id, "stopping-worker", LIVE)).isTrue();
        assertThat(store.release(id, "other-worker")).isFalse();
        assertThat(store.release(id, "stopping-worker")).isTrue();
        FusionJob released = store.get(id).orElseThrow();
        assertThat(released.status).isEqualTo(JobStatus.QUEUED);
        assertThat(released.workerId).isNull();
        // no wait for takeover-after: the heartbeat of a handed-back job does not matter
        assertThat(store.claim(id, "next-worker", LIVE)).isTrue();
        assertThat(store.get(id).orElseThrow().attempts).isEqualTo(2);
        assertThat(store.release(id, "stopping-worker")).isFalse();
    }

    @Test
    void onlyAStaleOrRetryableJobIsStranded() throws Exception {
        String id = queued();
        assertThat(store.stranded(id, LIVE)).isFalse();
        store.claim(id, "w", LIVE);
        assertThat(store.stranded(id, LIVE)).isFalse();
        Thread.sleep(20);
        assertThat(store.stranded(id, Duration.ofMillis(10))).isTrue();
        store.fail(id, "w", new FusionFailure(FailureCode.STORAGE_UNAVAILABLE, "down"), "m", "1", NO_TIMINGS);
        assertThat(store.stranded(id, LIVE)).isTrue();
        assertThat(store.claim(id, "w2", LIVE)).isTrue();
        store.fail(id, "w2", new FusionFailure(FailureCode.SOURCE_NOT_FOUND, "gone"), "m", "1", NO_TIMINGS);
        assertThat(store.stranded(id, Duration.ZERO)).isFalse();
    }

    @Test
    void onlyARetryableFailureMayRunAgain() {
        String transientId = queued();
        store.claim(transientId, "w", LIVE);
        store.fail(transientId, "w", new FusionFailure(FailureCode.STORAGE_UNAVAILABLE, "down"), "m", "1", NO_TIMINGS);
        assertThat(store.claim(transientId, "w2", LIVE)).isTrue();

        String permanentId = queued();
        store.claim(permanentId, "w", LIVE);
        store.fail(permanentId, "w", new FusionFailure(FailureCode.SOURCE_NOT_FOUND, "gone"), "m", "1", NO_TIMINGS);
        assertThat(store.claim(permanentId, "w2", LIVE)).isFalse();
    }

    @Test
    void refusalDoesNotOverwriteAJobThatRan() {
        String id = queued();
        store.claim(id, "w", LIVE);
        store.succeed(id, "w", "b", "k", "m", "1", NO_TIMINGS);
        assertThat(store.rejectUnclaimed(id, "infrared-visible",
                new FusionFailure(FailureCode.INVALID_REQUEST, "bad"), "w")).isFalse();
        assertThat(store.get(id).orElseThrow().status).isEqualTo(JobStatus.SUCCEEDED);
    }

    private String queued() {
        String id = "claim-" + UUID.randomUUID().toString().substring(0, 8);
        store.insertQueued(new FusionRequest(1, id, "infrared-visible", List.of(), null, null), "{}");
        return id;
    }
}
