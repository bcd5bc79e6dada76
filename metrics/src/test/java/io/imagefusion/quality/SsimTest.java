package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SsimTest {
    @Test
    void anImageIsFullySimilarToItself() {
        GreyImage x = Images.texture(40, 30, 5);
        assertEquals(1.0, Ssim.ssim(x, x), 1e-12);
        assertEquals(1.0, Ssim.fusion(x, x, x), 1e-12);
    }

    @Test
    void constantImagesOnlyCompareLuminance() {
        // no variance: SSIM = (2 mu1 mu2 + C1) / (mu1^2 + mu2^2 + C1) * (C2 / C2)
        double c1 = Math.pow(0.01 * 255, 2);
        double expected = (2 * 100 * 50 + c1) / (100 * 100 + 50 * 50 + c1);
        assertEquals(expected, Ssim.ssim(Images.constant(12, 12, 100), Images.constant(12, 12, 50)), 1e-12);
    }

    @Test
    void fusionScoreIsTheMeanOfBothSources() {
        GreyImage a = Images.texture(32, 32, 1);
        GreyImage b = Images.texture(32, 32, 2);
        GreyImage f = Images.texture(32, 32, 3);
        assertEquals((Ssim.ssim(a, f) + Ssim.ssim(b, f)) / 2, Ssim.fusion(a, b, f), 1e-12);
        assertTrue(Ssim.fusion(a, b, f) <= 1);
        assertEquals(Ssim.ssim(a, f), Ssim.ssim(f, a), 1e-12);
    }

    @Test
    void tooSmallImagesAreRejectedWithTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ssim.ssim(Images.constant(10, 40, 1), Images.constant(10, 40, 1)));
        assertTrue(e.getMessage().contains("10x40"), e.getMessage());
    }
}
