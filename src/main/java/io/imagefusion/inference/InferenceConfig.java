package io.imagefusion.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Configuration of the fusion model ({@code fusion.inference.*}). */
@ConfigMapping(prefix = "fusion.inference")
public interface InferenceConfig {

    /** The ONNX model file. */
    @WithDefault("models/crossfuse-ivf-1.2.0.onnx")
    Path modelPath();

    /** The contract JSON shipped with the model; default: the model path with {@code .json} for {@code .onnx}. */
    Optional<Path> contractPath();

    /** Execution provider: cpu, cuda or auto. */
    @WithDefault("auto")
    Provider provider();

    /** CUDA device index used by cuda and auto. */
    @WithDefault("0")
    int cudaDevice();

    /** Jobs allowed inside the model at once; each run holds its activations (about 1.2 GB at 640x480 on CPU). */
    @WithDefault("1")
    int maxConcurrency();

    /** ONNX Runtime intra-op threads per run; 0 lets ONNX Runtime use one per core. */
    @WithDefault("0")
    int intraOpThreads();
}
