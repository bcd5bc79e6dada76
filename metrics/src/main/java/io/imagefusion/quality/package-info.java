/**
 * Fusion quality metrics (EN, SD, SF, AG, MI, SCD, VIF, Qabf, Nabf, SSIM, FMI, MEF-SSIM) in plain JDK code.
 *
 * <p>Every metric follows exactly one documented convention ({@code docs/metrics.md}); inputs are grey
 * {@link io.imagefusion.quality.GreyImage}s on the 0..255 scale. No framework, no I/O: the module {@code metrics/}
 * holds only this package and the {@code evaluate} command that calls {@link io.imagefusion.quality.FusionMetrics};
 * the worker depends on the module but does not call the metrics yet.
 */
package io.imagefusion.quality;
