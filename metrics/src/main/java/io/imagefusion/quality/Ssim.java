package io.imagefusion.quality;

import java.util.Arrays;

/**
 * SSIM (Wang, Bovik, Sheikh and Simoncelli 2004) as in the authors' {@code ssim_index.m}: 11x11 Gaussian window,
 * sigma 1.5, L = 255, K1 = 0.01, K2 = 0.03, mean of the SSIM map over the valid region, no down-sampling.
 * The fusion score is the mean of SSIM(A,F) and SSIM(B,F).
 *
 * <p>The local statistics of both sources and the fused image are filtered in one streaming pass: each input row
 * is filtered horizontally into a ring of the last 11 rows, from which each output row is filtered vertically
 * and turned into SSIM values at once, so no full-size intermediate planes are allocated.
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
        double[] s = meanSsim(new double[][] {a.data(), b.data()}, fused);
        return (s[0] + s[1]) / 2;
    }

    /** SSIM of {@code x} against reference {@code y} (symmetric). */
    public static double ssim(GreyImage x, GreyImage y) {
        Checks.sameSize(x, y);
        return meanSsim(new double[][] {x.data()}, y)[0];
    }

    /** Mean SSIM of each source against {@code f}. */
    private static double[] meanSsim(double[][] sources, GreyImage f) {
        int n = WINDOW.length;
        int w = f.width();
        int h = f.height();
        Checks.atLeast(w, h, n, "SSIM");
        int ow = w - n + 1;
        int oh = h - n + 1;
        int count = sources.length;
        // quantities: per source x, x^2, x*f (3s, 3s+1, 3s+2), then f and f^2
        int qf = 3 * count;
        int quantities = qf + 2;
        double[][][] ring = new double[quantities][n][ow];
        double[][] acc = new double[quantities][ow];
        double[] fp = f.data();
        double[] sums = new double[count];
        for (int y = 0; y < h; y++) {
            int slot = y % n;
            for (int q = 0; q < quantities; q++) {
                Arrays.fill(ring[q][slot], 0);
            }
            int row = y * w;
            double[] rf = ring[qf][slot];
            double[] rff = ring[qf + 1][slot];
            for (int i = 0; i < n; i++) {
                double ki = WINDOW[i];
                int base = row + i;
                for (int x = 0; x < ow; x++) {
                    double fv = fp[base + x];
                    rf[x] += ki * fv;
                    rff[x] += ki * fv * fv;
                }
                for (int s = 0; s < count; s++) {
                    double[] src = sources[s];
                    double[] rx = ring[3 * s][slot];
                    double[] rxx = ring[3 * s + 1][slot];
                    double[] rxf = ring[3 * s + 2][slot];
                    for (int x = 0; x < ow; x++) {
                        double xv = src[base + x];
                        double fv = fp[base + x];
                        rx[x] += ki * xv;
                        rxx[x] += ki * xv * xv;
                        rxf[x] += ki * xv * fv;
                    }
                }
            }
            if (y < n - 1) {
                continue;
            }
            int first = y - n + 1;
            for (int q = 0; q < quantities; q++) {
                double[] out = acc[q];
                Arrays.fill(out, 0);
                for (int j = 0; j < n; j++) {
                    double kj = WINDOW[j];
                    double[] r = ring[q][(first + j) % n];
                    for (int x = 0; x < ow; x++) {
                        out[x] += kj * r[x];
                    }
                }
            }
            double[] mf = acc[qf];
            double[] ff = acc[qf + 1];
            for (int s = 0; s < count; s++) {
                double[] mx = acc[3 * s];
                double[] xx = acc[3 * s + 1];
                double[] xf = acc[3 * s + 2];
                double sum = 0;
                for (int x = 0; x < ow; x++) {
                    double m1 = mx[x];
                    double m2 = mf[x];
                    double m12 = m1 * m2;
                    double s1 = xx[x] - m1 * m1;
                    double s2 = ff[x] - m2 * m2;
                    double s12 = xf[x] - m12;
                    sum += ((2 * m12 + C1) * (2 * s12 + C2)) / ((m1 * m1 + m2 * m2 + C1) * (s1 + s2 + C2));
                }
                sums[s] += sum;
            }
        }
        for (int s = 0; s < count; s++) {
            sums[s] /= (double) ow * oh;
        }
        return sums;
    }
}
