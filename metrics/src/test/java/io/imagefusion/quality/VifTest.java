package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VifTest {
    @Test
    void anUndistortedImageKeepsAllInformation() {
        GreyImage x = Images.texture(96, 90, 7);
        // sv^2 is clamped to 1e-10, so the ratio is 1 to within about 1e-10
        assertEquals(1.0, Vif.vif(x, x), 1e-8);
        assertEquals(2.0, Vif.fusion(x, x, x), 2e-8);
    }

    @Test
    void anOffsetDoesNotChangeVif() {
        GreyImage x = Images.texture(96, 90, 7);
        GreyImage y = Images.texture(96, 90, 8);
        assertEquals(Vif.vif(x, y), Vif.vif(x, Images.map(y, v -> v + 20)), 1e-9);
    }

    @Test
    void aFlatDistortedImageCarriesNoInformation() {
        assertEquals(0.0, Vif.vif(Images.texture(96, 90, 7), Images.constant(96, 90, 128)), 0.0);
    }

    @Test
    void fusionScoreSumsBothSources() {
        GreyImage a = Images.texture(100, 100, 1);
        GreyImage b = Images.texture(100, 100, 2);
        GreyImage f = Images.map(Images.texture(100, 100, 3), v -> v / 2 + 30);
        assertEquals(Vif.vif(a, f) + Vif.vif(b, f), Vif.fusion(a, b, f), 1e-12);
    }

    @Test
    void needsEightyOnePixelsForFourScales() {
        GreyImage x = Images.texture(81, 81, 1);
        assertTrue(Vif.vif(x, x) > 0.99);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vif.vif(Images.texture(80, 81, 1), Images.texture(80, 81, 1)));
        assertTrue(e.getMessage().contains("80x81"), e.getMessage());
    }
}
