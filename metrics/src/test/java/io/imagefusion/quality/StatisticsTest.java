package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void constantImageHasZeroSd() {
        assertEquals(0.0, Statistics.standardDeviation(Images.constant(9, 4, 77)), 0.0);
    }

    @Test
    void sdIsThePopulationDeviation() {
        // mean 2, squared deviations 4,4,4,4 over H*W = 4 -> 2 (the sample SD would be 2.309)
        assertEquals(2.0, Statistics.standardDeviation(Images.of(2, 2, 0, 0, 4, 4)), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), Statistics.standardDeviation(Images.of(3, 1, 1, 2, 3)), 1e-12);
    }

    @Test
    void scdByHand() {
        // A = (1,2,3,4), B = (4,1,3,2) and F = A + B: F - B = A, F - A = B, so SCD = 1 + 1
        GreyImage a = Images.of(2, 2, 1, 2, 3, 4);
        GreyImage b = Images.of(2, 2, 4, 1, 3, 2);
        GreyImage f = Images.of(2, 2, 5, 3, 6, 6);
        assertEquals(2.0, Statistics.scd(a, b, f), 1e-12);
        // F = A: F - A = 0 is constant, so corr(F - A, B) is undefined
        assertTrue(Double.isNaN(Statistics.scd(a, b, a)));
        // F = (A + B) / 2: F - B = (A - B) / 2 = (-1.5, .5, 0, 1), A - mean = (-1.5, -.5, .5, 1.5):
        // covariance sum 7 (scaled), sum of squares 14 and 5 -> 7 / sqrt(70), and the same for B by symmetry
        GreyImage mean = Images.of(2, 2, 2.5, 1.5, 3, 3);
        assertEquals(14 / Math.sqrt(70), Statistics.scd(a, b, mean), 1e-12);
    }

    @Test
    void scdIsInvariantToACommonScaleAndToOffsets() {
        GreyImage a = Images.texture(30, 20, 1);
        GreyImage b = Images.texture(30, 20, 2);
        GreyImage f = Images.texture(30, 20, 3);
        double scd = Statistics.scd(a, b, f);
        assertEquals(scd, Statistics.scd(Images.map(a, v -> 0.5 * v), Images.map(b, v -> 0.5 * v),
                Images.map(f, v -> 0.5 * v)), 1e-12);
        assertEquals(scd, Statistics.scd(Images.map(a, v -> v + 10), Images.map(b, v -> v - 3),
                Images.map(f, v -> v + 40)), 1e-12);
    }
}
