package io.imagefusion.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Bt601Test {

    @Test
    void pureRedHasTheBt601FullRangeCoefficients() {
        assertThat(Bt601.luma(255, 0, 0)).isCloseTo(76.245f, within(1e-3f));
        assertThat(Bt601.cb(255, 0, 0)).isCloseTo(84.972f, within(1e-3f));
        assertThat(Bt601.cr(255, 0, 0)).isCloseTo(255.5f, within(1e-3f));
    }

    @Test
    void greyHasNeutralChroma() {
        assertThat(Bt601.luma(90, 90, 90)).isCloseTo(90f, within(1e-3f));
        assertThat(Bt601.cb(90, 90, 90)).isCloseTo(128f, within(1e-3f));
        assertThat(Bt601.cr(90, 90, 90)).isCloseTo(128f, within(1e-3f));
    }

    @Test
    void roundTripIsWithinAHundredthOfALevel() {
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    float y = Bt601.luma(r, g, b);
                    float cb = Bt601.cb(r, g, b);
                    float cr = Bt601.cr(r, g, b);
                    assertThat(Bt601.red(y, cb, cr)).isCloseTo(r, within(0.01f));
                    assertThat(Bt601.green(y, cb, cr)).isCloseTo(g, within(0.01f));
                    assertThat(Bt601.blue(y, cb, cr)).isCloseTo(b, within(0.01f));
                }
            }
        }
    }
}
