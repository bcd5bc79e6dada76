package io.imagefusion.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentileWindowTest {

    @Test
    void givenValuesZeroTo999_windowIsFrom4To994() {
        int[] samples = new int[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 30000 + i;
        }
        float[] mapped = PercentileWindow.map(samples);
        // 0.5 % of 1000 = 5 pixels at or below lo -> lo = 30004; 99.5 % = 995 -> hi = 30994
        assertThat(mapped[4]).isEqualTo(0f);
        assertThat(mapped[0]).isEqualTo(0f);
        assertThat(mapped[994]).isEqualTo(1f);
        assertThat(mapped[999]).isEqualTo(1f);
        assertThat(mapped[499]).isCloseTo(495f / 990f, within(1e-6f));
    }

    @Test
    void aHotOutlierDoesNotFlattenTheScene() {
        int[] samples = new int[400];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 20000 + (i % 100);
        }
        samples[0] = 65535;
        float[] mapped = PercentileWindow.map(samples);
        assertThat(mapped[50]).isCloseTo(0.5f, within(0.02f));
        assertThat(mapped[0]).isEqualTo(1f);
    }

    @Test
    void constantImageFallsBackToFullScale() {
        float[] mapped = PercentileWindow.map(new int[] {13107, 13107, 13107});
        assertThat(mapped).containsOnly(0.2f);
    }
}
