package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The reference values of fusion-metrics.md on the CrossFuse authors' released TNO-21 outputs. Needs the shared
 * data (system property {@code fusion.shared-data}, set by the pom; default {@code ../shared/data}).
 */
class CrossFuseReferenceTest {
    @Test
    void meanEntropyAndSdOverTheTwentyOneOutputs() throws Exception {
        Path dir = Path.of(System.getProperty("fusion.shared-data", "../shared/data"), "ir-vis/tno21-fused/crossfuse");
        assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir.toAbsolutePath()
                + " (set -Dfusion.shared-data=...); skipping the CrossFuse reference values");
        double en = 0;
        double sd = 0;
        for (int i = 1; i <= 21; i++) {
            GreyImage f = read(dir.resolve("results_transfuse_IR" + i + ".png"));
            en += Histograms.entropy(f);
            sd += Statistics.standardDeviation(f);
        }
        assertEquals(6.823, en / 21, 0.005);
        assertEquals(39.42, sd / 21, 0.01);
    }

    /** The outputs are 8-bit grey PNGs; read the raster directly (the quality package does no I/O). */
    private static GreyImage read(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        Raster r = image.getRaster();
        assertEquals(1, r.getNumBands(), file + " is not grey");
        double[] p = r.getPixels(0, 0, image.getWidth(), image.getHeight(), (double[]) null);
        return GreyImage.of(image.getWidth(), image.getHeight(), p);
    }
}
