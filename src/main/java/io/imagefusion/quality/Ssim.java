package io.imagefusion.quality;

import io.imagefusion.quality.Filters.Plane;

/**
 * SSIM (Wang, Bovik, Sheikh and Simoncelli 2004) as in the authors' {@code ssim_index.m}: 11x11 Gaussian window,
 * sigma 1.5, L = 255, K1 = 0.01, K2 = 0.03, mean of the SSIM map over the valid region, no down-sampling.
 * The fusion score is the mean of SSIM(A,F) and SSIM(B,F).
 */
public final class Ssim {
    static final double C1 = Math.pow(0.01 * 255, 2);
    static final double C2 = Math.pow(0.03 * 255, 2);
    private static final double[] WINDOW = Filters.gaussian(11, 1.5);

    private Ssim() {
    }

    /** (SSIM(A,F) + SSIM(B,F)) / 2. */
    public static double fusion(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        Stats f = Stats.of(Plane.of(fused));
        return (ssim(Plane.of(a), f) + ssim(Plane.of(b), f)) / 2;
    }

    /** SSIM of {@code x} against reference {@code y} (symmetric). */
    public static double ssim(GreyImage x, GreyImage y) {
        Checks.sameSize(x, y);
        return ssim(Plane.of(x), Stats.of(Plane.of(y)));
    }

    private static double ssim(Plane x, Stats f) {
        Checks.atLeast(x.width(), x.height(), WINDOW.length, "SSIM");
        double[] mx = Filters.valid(x, WINDOW).data();
        double[] xx = Filters.valid(Filters.multiply(x, x), WINDOW).data();
        double[] xf = Filters.valid(Filters.multiply(x, f.plane), WINDOW).data();
        double[] mf = f.mean;
        double[] ff = f.meanSquare;
        double sum = 0;
        for (int i = 0; i < mx.length; i++) {
            double m1 = mx[i];
            double m2 = mf[i];
            double m12 = m1 * m2;
            double s1 = xx[i] - m1 * m1;
            double s2 = ff[i] - m2 * m2;
            double s12 = xf[i] - m12;
            sum += ((2 * m12 + C1) * (2 * s12 + C2)) / ((m1 * m1 + m2 * m2 + C1) * (s1 + s2 + C2));
        }
        return sum / mx.length;
    }

    /** The fused image's local statistics, shared by both sources. */
    private record Stats(Plane plane, double[] mean, double[] meanSquare) {
        static Stats of(Plane p) {
            return new Stats(p, Filters.valid(p, WINDOW).data(), Filters.valid(Filters.multiply(p, p), WINDOW).data());
        }
    }
}
