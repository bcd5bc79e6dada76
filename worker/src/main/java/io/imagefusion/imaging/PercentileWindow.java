package io.imagefusion.imaging;

/**
 * Maps 16-bit grey samples to 0..1 through a per-image window from the 0.5th to the 99.5th percentile.
 *
 * <p>Why: thermal cameras store 16-bit counts of which a scene uses a narrow band; dividing by 65535 would
 * hand the network (trained on 8-bit displays of such scenes) an almost flat, dark image. Cameras display
 * those counts through an automatic window that ignores a few outliers, and so does this mapping:
 * {@code lo} is the smallest value at or below which at least 0.5 % of the pixels lie, {@code hi} the smallest
 * value at or below which at least 99.5 % lie, and each sample maps to {@code clamp((v - lo) / (hi - lo), 0, 1)}.
 * An image whose window is empty ({@code hi == lo}, e.g. a constant image) falls back to {@code v / 65535}.
 */
public final class PercentileWindow {

    static final double LOW_FRACTION = 0.005;
    static final double HIGH_FRACTION = 0.995;

    private PercentileWindow() {
    }

    /** @param samples unsigned 16-bit values, 0..65535 */
    public static float[] map(int[] samples) {
        int[] histogram = new int[65536];
        for (int v : samples) {
            histogram[v]++;
        }
        int lo = quantile(histogram, samples.length, LOW_FRACTION);
        int hi = quantile(histogram, samples.length, HIGH_FRACTION);
        float[] out = new float[samples.length];
        if (hi <= lo) {
            for (int i = 0; i < samples.length; i++) {
                out[i] = samples[i] / 65535f;
            }
            return out;
        }
        float scale = 1f / (hi - lo);
        for (int i = 0; i < samples.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, (samples[i] - lo) * scale));
        }
        return out;
    }

    private static int quantile(int[] histogram, int count, double fraction) {
        long needed = Math.max(1, (long) Math.ceil(fraction * count));
        long cumulative = 0;
        for (int v = 0; v < histogram.length; v++) {
            cumulative += histogram[v];
            if (cumulative >= needed) {
                return v;
            }
        }
        return histogram.length - 1;
    }
}
