/**
 * The fusion model: its contract, one ONNX Runtime session for the process, and the execution-provider choice.
 *
 * <p>{@link io.imagefusion.inference.FusionSession} is plain Java (used directly by the golden test);
 * {@link io.imagefusion.inference.FusionModel} is the application-scoped owner that opens it at start-up,
 * bounds concurrent runs and closes it on shutdown. Knows nothing of jobs, messaging or the API.
 */
package io.imagefusion.inference;
