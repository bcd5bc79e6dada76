package io.imagefusion.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Synthetic, registered infrared/visible scenes: a warm disc on a cool background, and a lit gradient with edges. */
final class Pictures {

    private Pictures() {
    }

    /** Grey: a bright disc (the "person") on a dark, slightly noisy background. */
    static BufferedImage infrared(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x - w * 0.6, y - h * 0.5);
                int v = d < Math.min(w, h) * 0.2 ? 220 : 40 + ((x * 7 + y * 13) % 11);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    /** Grey: a horizontal gradient with vertical bars (texture the infrared lacks). */
    static BufferedImage visibleGrey(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, (x / 8) % 2 == 0 ? 60 + x : 30 + y);
            }
        }
        return image;
    }

    /** Colour: the same structure with a blue sky over green ground. */
    static BufferedImage visibleColour(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int shade = (x / 8) % 2 == 0 ? 40 : 0;
                int rgb = y < h / 2 ? (60 + shade) << 16 | (90 + shade) << 8 | 200 : (50 + shade) << 16 | (140 + shade) << 8 | 40;
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
