package io.imagefusion.evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small PNG files for the evaluation tests. */
final class TestImages {
    private TestImages() {
    }

    /** An 8-bit grey PNG with a deterministic texture. */
    static Path grey(Path file, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (int) (120 + 90 * Math.sin((x + 3 * seed) / 5.0) * Math.cos((y + seed) / 7.0)) + (x * y * seed) % 17;
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return write(img, file);
    }

    static Path write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String ext = file.getFileName().toString().replaceAll(".*\\.", "");
        if (!ImageIO.write(img, ext, file.toFile())) {
            throw new IOException("no writer for " + ext);
        }
        return file;
    }
}
