package io.imagefusion.inference;

/** ONNX Runtime execution provider. */
public enum Provider {
    /** CPU only. */
    CPU,
    /** CUDA; start-up fails if it cannot be used. */
    CUDA,
    /** CUDA when it can be used, otherwise CPU (the log and readiness say which). */
    AUTO
}
