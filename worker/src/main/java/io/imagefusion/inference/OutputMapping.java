package io.imagefusion.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * How the model's raw output ({@code fused_raw}) becomes the 0..1 image, named by the contract's optional
 * {@code "outputMapping"}. Applied in Java to the whole image, because a tiled run only has raw tiles: a
 * per-image min-max taken per tile would give every tile its own contrast.
 */
public enum OutputMapping {

    /** Per-image min-max of the raw output (model 1.2.0, and the default when the contract names none). */
    MINMAX,
    /** The raw output clamped to 0..1. */
    CLAMP;

    /**
     * Below this range a raw output is treated as flat: stretching it would turn rounding noise into full
     * contrast, so it is clamped instead.
     */
    static final float FLAT_RANGE = 1e-3f;

    /** The model's own guard against a division by zero; kept so that Java and the graph agree on normal images. */
    private static final float MIN_DIVISOR = 1e-6f;

    /** The mapped image, a new array; {@code raw} is left as it is. */
    public float[] apply(float[] raw) {
        if (this == MINMAX) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : raw) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi - lo >= FLAT_RANGE) {
                float scale = 1f / Math.max(hi - lo, MIN_DIVISOR);
                float[] out = new float[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    out[i] = (raw[i] - lo) * scale;
                }
                return out;
            }
        }
        return clamped(raw);
    }

    /** {@code raw} clamped to 0..1, a new array. */
    public static float[] clamped(float[] raw) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, raw[i]));
        }
        return out;
    }

    /** Reads the contract's value; absent means {@link #MINMAX}, the mapping of every model before the field. */
    @JsonCreator
    public static OutputMapping of(String name) {
        if (name == null) {
            return MINMAX;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "minmax" -> MINMAX;
            case "clamp" -> CLAMP;
            default -> throw new ModelContractException("unknown outputMapping \"" + name
                    + "\" in the model contract; known: minmax, clamp");
        };
    }
}
