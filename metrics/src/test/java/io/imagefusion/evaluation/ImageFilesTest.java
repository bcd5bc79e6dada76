package io.imagefusion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagefusion.quality.GreyImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void lumaIsBt601RoundedHalfUp() {
        assertEquals(76, ImageFiles.luma(255, 0, 0)); // 76.245
        assertEquals(150, ImageFiles.luma(0, 255, 0)); // 149.685
        assertEquals(29, ImageFiles.luma(0, 0, 255)); // 29.07
        assertEquals(77, ImageFiles.luma(254, 1, 0)); // 75.946 + 0.587 = 76.533
        assertEquals(0, ImageFiles.luma(1, 0, 1)); // 0.413
        assertEquals(29, ImageFiles.luma(0, 0, 250)); // exactly 28.5: halves round up
        assertEquals(200, ImageFiles.luma(200, 200, 200));
    }

    @Test
    void greyLevelsSurviveUnchanged() throws Exception {
        BufferedImage g = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 100, 255});
        GreyImage read = ImageFiles.read(TestImages.write(g, dir.resolve("g.png")));
        assertEquals(100, read.get(1, 0), 0.0);
        assertEquals(255, read.get(2, 0), 0.0);
    }

    @Test
    void colourFilesAreReadAsLuma() throws Exception {
        BufferedImage c = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        c.setRGB(0, 0, 0xff0000);
        c.setRGB(1, 0, 0x808080);
        GreyImage read = ImageFiles.read(TestImages.write(c, dir.resolve("c.png")));
        assertEquals(76, read.get(0, 0), 0.0);
        assertEquals(128, read.get(1, 0), 0.0);
    }

    @Test
    void sixteenBitGreyIsScaledTo255() {
        BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        g.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 32896});
        GreyImage read = ImageFiles.toGrey(g);
        assertEquals(255, read.get(0, 0), 0.0);
        assertEquals(128, read.get(1, 0), 0.0);
    }

    @Test
    void missingAndUnreadableFilesAreNamed() throws Exception {
        Path missing = dir.resolve("nope.png");
        EvaluationException e = assertThrows(EvaluationException.class, () -> ImageFiles.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path garbage = Files.writeString(dir.resolve("broken.png"), "not a png");
        e = assertThrows(EvaluationException.class, () -> ImageFiles.read(garbage));
        assertTrue(e.getMessage().contains("unreadable") && e.getMessage().contains(garbage.toString()), e.getMessage());
    }
}
