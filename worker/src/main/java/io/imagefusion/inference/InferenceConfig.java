package io.imagefusion.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Configuration of the fusion model ({@code fusion.inference.*}). */
@ConfigMapping(prefix = "fusion.inference")
public interface InferenceConfig {

    /** The ONNX model file. */
    @WithDefault("models/crossfuse-ivf-1.4.0.onnx")
    Path modelPath();

    /** The contract JSON shipped with the model; default: the model path with {@code .json} for {@code .onnx}. */
    Optional<Path> contractPath();

    /** Execution provider: cpu, cuda or auto. */
    @WithDefault("auto")
    Provider provider();

    /** CUDA device index used by cuda and auto. */
    @WithDefault("0")
    int cudaDevice();

    /**
     * Jobs allowed inside the model at once; each run holds the activations of one tile (see the memory table in
     * the README).
     */
    @WithDefault("1")
    int maxConcurrency();

    /** ONNX Runtime intra-op threads per run; 0 lets ONNX Runtime use one per core. */
    @WithDefault("0")
    int intraOpThreads();

    /**
     * Step between tiles in pixels, a multiple of the model's 256-pixel attention window. Images up to
     * {@code tile-size + tile-overlap} on both sides run in one pass; larger ones tile by tile, so this (not
     * the image size) bounds the activations of a run.
     */
    @WithDefault("768")
    int tileSize();

    /** Pixels neighbouring tiles share and cross-fade over (multiple of 8, at least 32). */
    @WithDefault("64")
    int tileOverlap();
}
