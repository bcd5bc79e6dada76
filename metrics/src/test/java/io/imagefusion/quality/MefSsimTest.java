package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagefusion.quality.Filters.Plane;
import org.junit.jupiter.api.Test;

class MefSsimTest {
    @Test
    void matchesTheAuthorsPerPatchLoopAtOneScale() {
        GreyImage under = Images.map(Images.texture(30, 26, 1), v -> Math.floor(v / 3));
        GreyImage over = Images.map(Images.texture(30, 26, 2), v -> Math.min(255, v + 120));
        GreyImage fused = Images.texture(30, 26, 3);
        Plane[] seq = {Plane.of(under), Plane.of(over)};
        double expected = ReferenceMefSsim.scale(new double[][] {under.pixels(), over.pixels()}, fused.pixels(), 30, 26);
        assertEquals(expected, MefSsim.scaleQuality(seq, Plane.of(fused)), 1e-9);
    }

    @Test
    void flatPatchesAreHandledLikeTheReference() {
        double[] left = new double[30 * 26];
        double[] right = new double[30 * 26];
        for (int i = 0; i < left.length; i++) {
            left[i] = (i % 30) < 15 ? 10 : 200;
            right[i] = 90;
        }
        GreyImage fused = Images.texture(30, 26, 3);
        Plane[] seq = {Plane.of(GreyImage.of(30, 26, left)), Plane.of(GreyImage.of(30, 26, right))};
        double expected = ReferenceMefSsim.scale(new double[][] {left, right}, fused.pixels(), 30, 26);
        assertEquals(expected, MefSsim.scaleQuality(seq, Plane.of(fused)), 1e-9);
    }

    @Test
    void aStackOfOneImageTwiceIsReproducedByThatImage() {
        GreyImage x = Images.texture(64, 60, 4);
        double q = MefSsim.compute(new GreyImage[] {x, x}, x);
        // not exactly 1: the contrast carries the +0.001 the authors add against division by zero
        assertTrue(q > 0.999 && q <= 1, "q = " + q);
    }

    @Test
    void halvingIsATwoByTwoMeanWithASymmetricBorder() {
        Plane p = new Plane(3, 3, new double[] {0, 4, 8, 4, 8, 12, 8, 12, 16});
        Plane h = MefSsim.halve(p);
        assertEquals(2, h.width());
        assertEquals(2, h.height());
        // (0+4+4+8)/4, (8+8+12+12)/4, (8+12+8+12)/4, 16
        assertEquals(4, h.data()[0], 0);
        assertEquals(10, h.data()[1], 0);
        assertEquals(10, h.data()[2], 0);
        assertEquals(16, h.data()[3], 0);
    }

    @Test
    void needsRoomForThreeScales() {
        GreyImage x = Images.texture(43, 60, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MefSsim.compute(new GreyImage[] {x, x}, x));
        assertTrue(e.getMessage().contains("43x60"), e.getMessage());
    }
}
