package io.imagefusion.inference;

/**
 * The model's result for one pair, row-major H*W.
 *
 * @param fused    the image in 0..1: the contract's output mapping applied to the whole of {@code fusedRaw}
 * @param fusedRaw the decoder output before any mapping (not clamped); blended across tiles for a tiled run
 */
public record FusionOutput(float[] fused, float[] fusedRaw) {
}
