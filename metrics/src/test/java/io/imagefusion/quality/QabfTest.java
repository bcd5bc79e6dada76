package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QabfTest {
    /** Q^AF where F reproduces A's edges exactly: G = 1 and A = 1. */
    private static final double Q_PERFECT = 0.9994 / (1 + Math.exp(-15 * 0.5)) * 0.9879 / (1 + Math.exp(-22 * 0.2));

    @Test
    void copyingOneSourceWhoseEdgesAreAllThereScoresThePerfectConstant() {
        // B is 0 (no edges even at the zero-padded border, so no weight), F = A: every weighted pixel has
        // Q^AF = Q_PERFECT
        GreyImage a = Images.texture(20, 16, 4);
        assertEquals(Q_PERFECT, Qabf.compute(a, Images.constant(20, 16, 0), a), 1e-12);
        assertEquals(Q_PERFECT, Qabf.compute(a, a, a), 1e-12);
    }

    @Test
    void edgeStrengthRatioAndOrientationByHand() {
        // F = A / 2: gF = gA / 2 everywhere (zero padding is linear too), same orientation
        GreyImage a = Images.texture(20, 16, 4);
        GreyImage f = Images.map(a, v -> v / 2);
        double q = 0.9994 / (1 + Math.exp(-15 * (0.5 - 0.5))) * 0.9879 / (1 + Math.exp(-22 * 0.2));
        assertEquals(q, Qabf.compute(a, Images.constant(20, 16, 0), f), 1e-12);
    }

    @Test
    void theBorderIsZeroPadded() {
        // a flat B of 9 has Sobel edges along the zero-padded border, which F = A (also padded) only partly keeps
        GreyImage a = Images.texture(20, 16, 4);
        assertTrue(Qabf.compute(a, Images.constant(20, 16, 9), a) < Q_PERFECT);
    }

    @Test
    void losingAllEdgesScoresLow() {
        GreyImage a = Images.texture(20, 16, 4);
        GreyImage b = Images.texture(20, 16, 5);
        double q = Qabf.compute(a, b, Images.constant(20, 16, 0));
        assertTrue(q < 0.01, "q = " + q);
    }
}
