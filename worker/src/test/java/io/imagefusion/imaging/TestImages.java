package io.imagefusion.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small in-memory fixtures, named by what they are. */
final class TestImages {

    private TestImages() {
    }

    static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 8-bit grey, value (x + y) mod 256. */
    static BufferedImage grey8Ramp(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (x + y) % 256);
            }
        }
        return image;
    }

    /** 16-bit grey with every value of {@code base .. base + w*h - 1} once, row-major. */
    static BufferedImage grey16Sequence(int w, int h, int base) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < w * h; i++) {
            image.getRaster().setSample(i % w, i / w, 0, base + i);
        }
        return image;
    }

    /** RGB with red = x, green = y, blue = 100. */
    static BufferedImage rgbGradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 100);
            }
        }
        return image;
    }

    /** Two-colour palette: left half black, right half pure red. */
    static BufferedImage paletteRedBlack(int w, int h) {
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {0, 0});
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                image.getRaster().setSample(x, y, 0, 1);
            }
        }
        return image;
    }

    static int index(int x, int y, int w) {
        return y * w + x;
    }
}
