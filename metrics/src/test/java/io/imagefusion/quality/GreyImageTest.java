package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GreyImageTest {
    @Test
    void modelOutputIsScaledTo255AndRoundedAsStored() {
        GreyImage unit = GreyImage.ofUnit(4, 1, new float[] {0f, 0.5f, 1f, 0.002f});
        assertEquals(127.5, unit.get(1, 0), 1e-5);
        GreyImage stored = unit.rounded();
        assertEquals(128, stored.get(1, 0), 0.0);
        assertEquals(255, stored.get(2, 0), 0.0);
        assertEquals(1, stored.get(3, 0), 0.0);
    }

    @Test
    void valuesAreCopiedSoTheImageStaysImmutable() {
        double[] p = {1, 2, 3, 4};
        GreyImage g = GreyImage.of(2, 2, p);
        p[0] = 99;
        g.pixels()[1] = 99;
        assertEquals(1, g.get(0, 0), 0.0);
        assertEquals(2, g.get(1, 0), 0.0);
    }

    @Test
    void sizeMustMatchThePixels() {
        assertThrows(IllegalArgumentException.class, () -> GreyImage.of(3, 2, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> GreyImage.of(0, 2, new double[0]));
    }
}
