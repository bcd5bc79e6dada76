package io.imagefusion.quality;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Computes a chosen set of metrics for one fused image and its two sources.
 *
 * <p>Thread-safe and stateless: the worker may call it concurrently for different jobs.
 */
public final class FusionMetrics {
    private FusionMetrics() {
    }

    /**
     * @param a first source (infrared, first modality, first focus/exposure)
     * @param b second source
     * @param fused the fused image; all three must have the same size
     * @return the value of every requested metric, in {@link Metric} order
     */
    public static Map<Metric, Double> compute(GreyImage a, GreyImage b, GreyImage fused, Set<Metric> metrics) {
        Checks.sameSize(a, b, fused);
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            out.put(m, compute(m, a, b, fused));
        }
        return Collections.unmodifiableMap(out);
    }

    /** One metric; see {@code docs/metrics.md} for each convention. */
    public static double compute(Metric metric, GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        return switch (metric) {
            case EN -> Histograms.entropy(fused);
            case SD -> Statistics.standardDeviation(fused);
            case SF -> Gradients.spatialFrequency(fused);
            case AG -> Gradients.averageGradient(fused);
            case MI -> Histograms.fusionMutualInformation(a, b, fused);
            case SCD -> Statistics.scd(a, b, fused);
            case VIF -> Vif.fusion(a, b, fused);
            case QABF -> Qabf.compute(a, b, fused);
            case NABF -> Nabf.compute(a, b, fused);
            case SSIM -> Ssim.fusion(a, b, fused);
            case FMI_PIXEL -> Fmi.pixel(a, b, fused);
            case FMI_DCT -> Fmi.dct(a, b, fused);
            case MEF_SSIM -> MefSsim.compute(new GreyImage[] {a, b}, fused);
        };
    }
}
