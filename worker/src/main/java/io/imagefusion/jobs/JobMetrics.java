package io.imagefusion.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Prometheus metrics: {@code fusion_jobs_total{outcome,code}}, {@code fusion_inference_seconds} and
 * {@code fusion_job_end_to_end_seconds} (creation of the job row to its final state) histograms.
 * Created at start-up so that the series exist (at zero) before the first job, which dashboards and alerts expect.
 */
@Startup
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;
    private final Timer inference;
    private final Timer endToEnd;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inference = Timer.builder("fusion.inference").description("Model run time per job")
                .publishPercentileHistogram().register(registry);
        this.endToEnd = Timer.builder("fusion.job.end.to.end")
                .description("Time from job creation to its final state").publishPercentileHistogram().register(registry);
    }

    void inference(long nanos) {
        inference.record(Duration.ofNanos(nanos));
    }

    /** Counts a finished job and, when its creation time is known, its end-to-end latency. */
    void finished(FusionJob job) {
        String code = job.errorCode == null ? "NONE" : job.errorCode.name();
        Counter.builder("fusion.jobs").description("Jobs by final outcome and error code")
                .tag("outcome", job.status.name().toLowerCase()).tag("code", code)
                .register(registry).increment();
        if (job.createdAt != null && job.finishedAt() != null) {
            endToEnd.record(Duration.between(job.createdAt, job.finishedAt()));
        }
    }

    /** Counts a request answered from an already finished job. */
    void duplicate() {
        Counter.builder("fusion.jobs.duplicates").description("Requests for jobs that had already finished")
                .register(registry).increment();
    }
}
