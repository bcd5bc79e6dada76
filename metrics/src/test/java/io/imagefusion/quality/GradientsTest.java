package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GradientsTest {
    @Test
    void spatialFrequencyByHand() {
        // rows (0 3 5) and (1 1 1): horizontal diffs 3,2,0,0 over 2*2 -> RF^2 = 13/4;
        // vertical diffs 1,-2,-4 over 1*3 -> CF^2 = 21/3
        GreyImage f = Images.of(3, 2, 0, 3, 5, 1, 1, 1);
        assertEquals(Math.sqrt(13.0 / 4 + 21.0 / 3), Gradients.spatialFrequency(f), 1e-12);
    }

    @Test
    void averageGradientByHand() {
        // a horizontal ramp 0, 2, 4: Gx = 2 everywhere (one-sided at the ends, central inside), Gy = 0
        GreyImage ramp = Images.of(3, 2, 0, 2, 4, 0, 2, 4);
        assertEquals(Math.sqrt(4.0 / 2), Gradients.averageGradient(ramp), 1e-12);
        // rows (0 3 5) and (1 1 1): Gx row 0 = 3, 2.5, 2; row 1 = 0, 0, 0; Gy = 1, -2, -4 in both rows
        GreyImage f = Images.of(3, 2, 0, 3, 5, 1, 1, 1);
        double expected = (Math.sqrt((9 + 1) / 2.0) + Math.sqrt((6.25 + 4) / 2) + Math.sqrt((4 + 16) / 2.0)
                + Math.sqrt(1 / 2.0) + Math.sqrt(4 / 2.0) + Math.sqrt(16 / 2.0)) / 6;
        assertEquals(expected, Gradients.averageGradient(f), 1e-12);
    }

    @Test
    void constantImageHasNoDetail() {
        GreyImage c = Images.constant(5, 5, 42);
        assertEquals(0.0, Gradients.spatialFrequency(c), 0.0);
        assertEquals(0.0, Gradients.averageGradient(c), 0.0);
    }
}
