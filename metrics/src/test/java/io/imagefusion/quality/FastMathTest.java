package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastMathTest {
    @Test
    void log2AgreesWithMathLog() {
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.exp(r.nextDouble() * 80 - 60);
            double expected = Math.log(x) / Math.log(2);
            assertEquals(expected, FastMath.log2(x), 1e-15 + 4 * Math.ulp(expected), "x = " + x);
        }
        assertEquals(0.0, FastMath.log2(1.0), 0.0);
        assertEquals(-3.0, FastMath.log2(0.125), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, FastMath.log2(0.0));
        assertEquals(Math.log(Double.MIN_VALUE) / Math.log(2), FastMath.log2(Double.MIN_VALUE), 1e-12);
    }

    @Test
    void atanAgreesWithMathAtan() {
        Random r = new Random(4);
        for (int i = 0; i < 200_000; i++) {
            double x = r.nextGaussian() * (i % 2 == 0 ? 1 : 1000);
            assertEquals(Math.atan(x), FastMath.atan(x), 1e-15, "x = " + x);
        }
        assertEquals(Math.PI / 2, FastMath.atan(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-Math.PI / 2, FastMath.atan(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Math.PI / 4, FastMath.atan(1), 1e-16);
        assertEquals(0.0, FastMath.atan(0), 0.0);
        assertTrue(Double.isNaN(FastMath.atan(Double.NaN)));
    }
}
