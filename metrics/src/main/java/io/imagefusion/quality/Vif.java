package io.imagefusion.quality;

import io.imagefusion.quality.Filters.Plane;

/**
 * VIF: Sheikh and Bovik's multi-scale pixel-domain visual information fidelity ({@code vifp_mscale.m}).
 *
 * <p>Four scales s = 1..4 with Gaussian windows of N = 2^(5-s)+1 taps and sigma N/5 (33, 17, 9, 5); from the
 * second scale on, reference and distorted image are filtered with that scale's window ('valid') and
 * decimated by 2. Noise variance sigma_n^2 = 2 on 0..255 data. VIF = sum over scales of the numerator
 * log10 terms / sum of the denominator log10 terms. The fusion score is VIF(A,F) + VIF(B,F), each source
 * being the reference and F the distorted image.
 */
public final class Vif {
    private static final double SIGMA_N_SQ = 2.0;
    private static final double TINY = 1e-10;
    private static final int SCALES = 4;
    private static final int CHUNK = 16;
    private static final double[][] WINDOWS = new double[SCALES][];

    static {
        for (int s = 1; s <= SCALES; s++) {
            int n = (1 << (5 - s)) + 1;
            WINDOWS[s - 1] = Filters.gaussian(n, n / 5.0);
        }
    }

    /** The smallest side length for which all four scales have a non-empty valid region. */
    public static final int MIN_SIDE = 81;

    private Vif() {
    }

    /** VIF(A,F) + VIF(B,F). */
    public static double fusion(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        Checks.atLeast(fused.width(), fused.height(), MIN_SIDE, "VIF");
        Pyramid f = Pyramid.of(Plane.of(fused));
        return vif(Plane.of(a), f) + vif(Plane.of(b), f);
    }

    /** VIF of {@code distorted} against {@code reference}. */
    public static double vif(GreyImage reference, GreyImage distorted) {
        Checks.sameSize(reference, distorted);
        Checks.atLeast(reference.width(), reference.height(), MIN_SIDE, "VIF");
        return vif(Plane.of(reference), Pyramid.of(Plane.of(distorted)));
    }

    private static double vif(Plane reference, Pyramid dist) {
        // sums of log10(1 + x) taken as the log of products of CHUNK factors, saving 15 of 16 logarithms: a local
        // variance of 0..255 data is at most 127.5^2, so a factor is at most about 8200 and 16 of them stay
        // below 1e63, far inside the double range
        double num = 0;
        double den = 0;
        double numProduct = 1;
        double denProduct = 1;
        int terms = 0;
        Plane ref = reference;
        for (int s = 0; s < SCALES; s++) {
            double[] win = WINDOWS[s];
            if (s > 0) {
                ref = Filters.decimate(Filters.valid(ref, win));
            }
            double[] mu1 = Filters.valid(ref, win).data();
            double[] rr = Filters.valid(Filters.multiply(ref, ref), win).data();
            double[] rd = Filters.valid(Filters.multiply(ref, dist.planes[s]), win).data();
            double[] mu2 = dist.mean[s];
            double[] dd = dist.meanSquare[s];
            for (int i = 0; i < mu1.length; i++) {
                double m1 = mu1[i];
                double m2 = mu2[i];
                double sigma1Sq = Math.max(rr[i] - m1 * m1, 0);
                double sigma2Sq = Math.max(dd[i] - m2 * m2, 0);
                double sigma12 = rd[i] - m1 * m2;
                double g = sigma12 / (sigma1Sq + TINY);
                double svSq = sigma2Sq - g * sigma12;
                if (sigma1Sq < TINY) {
                    g = 0;
                    svSq = sigma2Sq;
                    sigma1Sq = 0;
                }
                if (sigma2Sq < TINY) {
                    g = 0;
                    svSq = 0;
                }
                if (g < 0) {
                    svSq = sigma2Sq;
                    g = 0;
                }
                if (svSq <= TINY) {
                    svSq = TINY;
                }
                numProduct *= 1 + g * g * sigma1Sq / (svSq + SIGMA_N_SQ);
                denProduct *= 1 + sigma1Sq / SIGMA_N_SQ;
                if (++terms == CHUNK) {
                    num += Math.log10(numProduct);
                    den += Math.log10(denProduct);
                    numProduct = 1;
                    denProduct = 1;
                    terms = 0;
                }
            }
        }
        return (num + Math.log10(numProduct)) / (den + Math.log10(denProduct));
    }

    /** The distorted image's scales and local statistics, shared by both references. */
    private static final class Pyramid {
        final Plane[] planes = new Plane[SCALES];
        final double[][] mean = new double[SCALES][];
        final double[][] meanSquare = new double[SCALES][];

        static Pyramid of(Plane p) {
            Pyramid pyr = new Pyramid();
            Plane cur = p;
            for (int s = 0; s < SCALES; s++) {
                double[] win = WINDOWS[s];
                if (s > 0) {
                    cur = Filters.decimate(Filters.valid(cur, win));
                }
                pyr.planes[s] = cur;
                pyr.mean[s] = Filters.valid(cur, win).data();
                pyr.meanSquare[s] = Filters.valid(Filters.multiply(cur, cur), win).data();
            }
            return pyr;
        }
    }
}
