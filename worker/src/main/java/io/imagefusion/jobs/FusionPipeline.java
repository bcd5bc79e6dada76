package io.imagefusion.jobs;

import ai.onnxruntime.OrtException;
import io.imagefusion.imaging.ImageDecoder;
import io.imagefusion.imaging.ImageEncoder;
import io.imagefusion.imaging.ImageHeader;
import io.imagefusion.imaging.ImageLimits;
import io.imagefusion.imaging.Planes;
import io.imagefusion.inference.FusionModel;
import io.imagefusion.inference.FusionOutput;
import io.imagefusion.inference.OutputMapping;
import io.imagefusion.storage.ObjectRef;
import io.imagefusion.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One attempt at one job: download -> decode -> validate pair -> infer -> encode -> upload.
 * Stateless; failures propagate unclassified (the caller classifies them once, see {@link Failures}).
 * The two sources are downloaded at once and decoded at once ({@link BothSources}); the pair is checked
 * (sizes, limits) from the headers in between, before any pixel is decoded.
 */
@ApplicationScoped
public class FusionPipeline {

    private final ObjectStore store;
    private final FusionModel model;
    private final JobsConfig config;
    private final JobMetrics metrics;
    private final BothSources bothSources;

    FusionPipeline(ObjectStore store, FusionModel model, JobsConfig config, JobMetrics metrics,
            BothSources bothSources) {
        this.store = store;
        this.model = model;
        this.config = config;
        this.metrics = metrics;
        this.bothSources = bothSources;
    }

    /** @param clock receives the stage times, also when a stage fails */
    PipelineResult run(FusionRequest request, Timings.Clock clock) throws OrtException, InterruptedException {
        ObjectRef irRef = request.infrared();
        ObjectRef visRef = request.visible();
        BothSources.Pair<byte[]> bytes = bothSources.run(() -> store.get(irRef), () -> store.get(visRef));
        byte[] irBytes = bytes.infrared();
        byte[] visBytes = bytes.visible();
        clock.lap(0);

        ImageLimits limits = new ImageLimits(model.contract().minSize(), model.contract().maxSize(), config.maxPixels());
        String irName = "infrared " + irRef;
        String visName = "visible " + visRef;
        ImageHeader irHeader = ImageDecoder.probe(irBytes, irName);
        ImageHeader visHeader = ImageDecoder.probe(visBytes, visName);
        limits.check(irHeader, irName);
        limits.check(visHeader, visName);
        if (irHeader.width() != visHeader.width() || irHeader.height() != visHeader.height()) {
            throw new FusionFailure(FailureCode.SIZE_MISMATCH, "job " + request.jobId() + ": " + irName + " is "
                    + irHeader.width() + "x" + irHeader.height() + " but " + visName + " is "
                    + visHeader.width() + "x" + visHeader.height());
        }
        BothSources.Pair<Planes> planes = bothSources.run(() -> ImageDecoder.decode(irBytes, limits, irName),
                () -> ImageDecoder.decode(visBytes, limits, visName));
        Planes ir = planes.infrared();
        Planes vis = planes.visible();
        clock.lap(1);

        long inferenceStart = System.nanoTime();
        FusionOutput fused = model.fuse(ir.luma(), vis.luma(), ir.height(), ir.width());
        metrics.inference(System.nanoTime() - inferenceStart);
        clock.lap(2);

        float[] luma = request.rawOutput() ? OutputMapping.clamped(fused.fusedRaw()) : fused.fused();
        byte[] encoded = ImageEncoder.encode(vis.withLuma(luma), request.format());
        clock.lap(3);

        ObjectRef output = request.outputRef(config.outputBucket());
        store.put(output, encoded, request.format().contentType(), request.jobId());
        clock.lap(4);
        return new PipelineResult(output, clock.snapshot());
    }
}
