package io.imagefusion.jobs;

import io.imagefusion.storage.ObjectRef;

/** What a successful pipeline run produced. */
record PipelineResult(ObjectRef output, Timings timings) {
}
