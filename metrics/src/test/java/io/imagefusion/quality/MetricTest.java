package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void labelsParseCaseInsensitivelyWithDashOrUnderscore() {
        assertEquals(Metric.FMI_PIXEL, Metric.parse("fmi-pixel"));
        assertEquals(Metric.MEF_SSIM, Metric.parse("MEF_SSIM"));
        assertEquals(Metric.QABF, Metric.parse(" qabf "));
        assertEquals(List.of(Metric.EN, Metric.QABF, Metric.SSIM),
                List.copyOf(Metric.parseList("SSIM,Qabf,EN")));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("PSNR"));
        assertTrue(e.getMessage().contains("PSNR") && e.getMessage().contains("FMI_dct"), e.getMessage());
    }

    @Test
    void twoSourceMetricsAreAllButMefSsim() {
        assertEquals(12, Metric.twoSource().size());
        assertFalse(Metric.twoSource().contains(Metric.MEF_SSIM));
        assertEquals(EnumSet.of(Metric.EN, Metric.SD, Metric.SF, Metric.AG, Metric.MI, Metric.SCD, Metric.SSIM,
                Metric.QABF), Metric.cheap());
        assertFalse(Metric.NABF.higherIsBetter());
    }

    @Test
    void facadeRejectsImagesOfDifferentSizes() {
        GreyImage a = Images.constant(10, 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusionMetrics.compute(a, a, Images.constant(10, 11, 1), Metric.cheap()));
        assertTrue(e.getMessage().contains("10x11"), e.getMessage());
    }
}
