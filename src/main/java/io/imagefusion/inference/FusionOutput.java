package io.imagefusion.inference;

/**
 * The model's two outputs for one pair, row-major H*W.
 *
 * @param fused    min-max normalised to 0..1 per image
 * @param fusedRaw the decoder output before normalisation (not clamped)
 */
public record FusionOutput(float[] fused, float[] fusedRaw) {
}
