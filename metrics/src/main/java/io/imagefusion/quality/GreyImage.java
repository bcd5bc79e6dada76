package io.imagefusion.quality;

import java.util.Arrays;

/**
 * An immutable grey image on the 0..255 scale, row-major.
 *
 * <p>Values are kept as doubles so that un-rounded model outputs can be measured too; metrics that need
 * histograms (EN, MI) round to the nearest integer and clamp to 0..255 (see {@link #grey(int)}).
 */
public final class GreyImage {
    private final int width;
    private final int height;
    private final double[] pixels;

    private GreyImage(int width, int height, double[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Copies {@code pixels} (row-major, {@code width * height} values). */
    public static GreyImage of(int width, int height, double[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "expected " + width + "x" + height + " = " + (width * height) + " pixels, got " + pixels.length);
        }
        return new GreyImage(width, height, pixels.clone());
    }

    /** Builds an image from 8-bit samples (row-major). */
    public static GreyImage ofBytes(int width, int height, byte[] samples) {
        double[] p = new double[samples.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = samples[i] & 0xff;
        }
        return of(width, height, p);
    }

    /** Builds an image from values in 0..1 (as a model outputs them), scaled to 0..255 without rounding. */
    public static GreyImage ofUnit(int width, int height, float[] unit) {
        double[] p = new double[unit.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = unit[i] * 255.0;
        }
        return of(width, height, p);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return pixels.length;
    }

    public double get(int x, int y) {
        return pixels[y * width + x];
    }

    /** A copy of the pixels, row-major. */
    public double[] pixels() {
        return pixels.clone();
    }

    /** The backing array, for metrics in this package that promise not to modify it. */
    double[] data() {
        return pixels;
    }

    /** The grey level of pixel {@code i} as a histogram bin: rounded half up and clamped to 0..255. */
    int grey(int i) {
        double v = Math.floor(pixels[i] + 0.5);
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
    }

    /** The same image with every value rounded to a 0..255 integer, as it would be stored in an 8-bit file. */
    public GreyImage rounded() {
        double[] p = new double[pixels.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = grey(i);
        }
        return new GreyImage(width, height, p);
    }

    boolean sameSize(GreyImage other) {
        return width == other.width && height == other.height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreyImage g && g.width == width && g.height == height && Arrays.equals(g.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "x" + height + "]";
    }
}
