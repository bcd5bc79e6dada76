package io.imagefusion.imaging;

/**
 * ITU-R BT.601 full-range ("JPEG") RGB to YCbCr and back, on the 0..255 scale with chroma centred on 128.
 * Full range because the sources are ordinary 8-bit files, not studio-range video.
 */
public final class Bt601 {

    private Bt601() {
    }

    public static float luma(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    public static float cb(float r, float g, float b) {
        return 128f - 0.168736f * r - 0.331264f * g + 0.5f * b;
    }

    public static float cr(float r, float g, float b) {
        return 128f + 0.5f * r - 0.418688f * g - 0.081312f * b;
    }

    public static float red(float y, float cb, float cr) {
        return y + 1.402f * (cr - 128f);
    }

    public static float green(float y, float cb, float cr) {
        return y - 0.344136f * (cb - 128f) - 0.714136f * (cr - 128f);
    }

    public static float blue(float y, float cb, float cr) {
        return y + 1.772f * (cb - 128f);
    }
}
