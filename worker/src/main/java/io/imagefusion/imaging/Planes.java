package io.imagefusion.imaging;

/**
 * A decoded image as the network sees it: a luma plane in 0..1, plus the original chroma for colour images.
 *
 * @param luma row-major, {@code width * height} values in 0..1
 * @param cb   BT.601 Cb on the 0..255 scale, or {@code null} for a grey image
 * @param cr   BT.601 Cr on the 0..255 scale, or {@code null} for a grey image
 */
public record Planes(int width, int height, float[] luma, float[] cb, float[] cr) {

    public static Planes grey(int width, int height, float[] luma) {
        return new Planes(width, height, luma, null, null);
    }

    public boolean isColour() {
        return cb != null;
    }

    /** The same chroma with another luma plane (the fused one). */
    public Planes withLuma(float[] newLuma) {
        if (newLuma.length != luma.length) {
            throw new IllegalArgumentException("luma has " + newLuma.length + " values, expected " + luma.length);
        }
        return new Planes(width, height, newLuma, cb, cr);
    }
}
