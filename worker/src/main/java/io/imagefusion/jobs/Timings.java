package io.imagefusion.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Milliseconds per pipeline stage; a stage that did not run (or failed) is {@code null}, and written as such. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Timings(Long downloadMs, Long decodeMs, Long inferenceMs, Long encodeMs, Long uploadMs, Long totalMs) {

    /** Collects stage times while a pipeline runs, so that a failure still reports the stages it passed. */
    static final class Clock {
        private final long start = System.nanoTime();
        private long stageStart = start;
        private final Long[] stages = new Long[5];

        /** Ends stage {@code index} (0 download .. 4 upload) and starts the next one. */
        void lap(int index) {
            long now = System.nanoTime();
            stages[index] = (now - stageStart) / 1_000_000;
            stageStart = now;
        }

        Timings snapshot() {
            return new Timings(stages[0], stages[1], stages[2], stages[3], stages[4],
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
