package io.imagefusion.imaging;

/**
 * What an image's header says, read without decoding the pixels.
 *
 * @param format the ImageIO format name, e.g. {@code png}, {@code tif}
 */
public record ImageHeader(int width, int height, String format) {

    public long pixels() {
        return (long) width * height;
    }
}
