package io.imagefusion.quality;

import io.imagefusion.quality.Filters.Plane;
import java.util.Arrays;

/**
 * MEF-SSIM: Ma, Zeng and Wang's structural similarity for multi-exposure fusion (IEEE TIP 2015,
 * {@code mef_ms_ssim.m}), for a stack of K exposures and one fused image, all grey 0..255.
 *
 * <p>Per scale and per 11x11 position (valid region): each exposure's patch is split into mean (box window)
 * and contrast ed_k = ||x_k - mu_k|| + 0.001; the desired structure is the weighted sum of the normalised
 * patches with weights (ed_k / 11)^p, p = tan(pi/2 R) capped at 10, R = ||sum_k x_k - mean|| / sum_k ||x_k -
 * mu_k|| the structural consistency; it is rescaled to the largest ed_k and compared with the fused patch by
 * SSIM's contrast-structure term under an 11x11 Gaussian window (sigma 1.5), C2 = (0.03 * 255)^2. Three
 * scales (2x2 mean with symmetric border, then keep every second pixel), combined as the product of the
 * scale means raised to the weights (0.0448, 0.2856, 0.3001) normalised to sum 1.
 *
 * <p>The patch sums are evaluated with box and separable Gaussian filters of products, which is algebraically
 * the authors' per-patch loop; no per-patch arrays are allocated.
 */
public final class MefSsim {
    private static final int WIN = 11;
    private static final double[] GAUSS = Filters.gaussian(WIN, 1.5);
    /** All ones: box sums rather than means, to keep them exact. */
    private static final double[] BOX = boxKernel();
    private static final double C = Math.pow(0.03 * 255, 2);
    private static final double EPS = Math.ulp(1.0);
    private static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001};
    private static final int LEVELS = WEIGHTS.length;
    /** The coarsest scale must still hold one 11x11 window. */
    public static final int MIN_SIDE = WIN << (LEVELS - 1);

    private MefSsim() {
    }

    /** MEF-SSIM of {@code fused} against the exposure stack {@code exposures} (at least two, same size). */
    public static double compute(GreyImage[] exposures, GreyImage fused) {
        if (exposures.length < 2) {
            throw new IllegalArgumentException("MEF-SSIM needs an exposure stack of at least two images");
        }
        GreyImage[] all = new GreyImage[exposures.length + 1];
        System.arraycopy(exposures, 0, all, 0, exposures.length);
        all[exposures.length] = fused;
        Checks.sameSize(all);
        Checks.atLeast(fused.width(), fused.height(), MIN_SIDE, "MEF-SSIM");
        Plane[] seq = new Plane[exposures.length];
        for (int k = 0; k < seq.length; k++) {
            seq[k] = Plane.of(exposures[k]);
        }
        Plane f = Plane.of(fused);
        double weightSum = 0;
        for (double w : WEIGHTS) {
            weightSum += w;
        }
        double q = 1;
        for (int level = 0; level < LEVELS; level++) {
            if (level > 0) {
                for (int k = 0; k < seq.length; k++) {
                    seq[k] = halve(seq[k]);
                }
                f = halve(f);
            }
            q *= Math.pow(scaleQuality(seq, f), WEIGHTS[level] / weightSum);
        }
        return q;
    }

    /** Mean of the MEF-SSIM map at one scale. */
    static double scaleQuality(Plane[] seq, Plane f) {
        int k = seq.length;
        int n = WIN * WIN;
        double[][] boxSum = new double[k][];
        double[][] gMean = new double[k][];
        double[][] gCrossF = new double[k][];
        double[][][] boxProd = new double[k][k][];
        double[][][] gProd = new double[k][k][];
        for (int a = 0; a < k; a++) {
            boxSum[a] = Filters.valid(seq[a], BOX).data();
            gMean[a] = Filters.valid(seq[a], GAUSS).data();
            gCrossF[a] = Filters.valid(Filters.multiply(seq[a], f), GAUSS).data();
            for (int b = a; b < k; b++) {
                Plane prod = Filters.multiply(seq[a], seq[b]);
                boxProd[a][b] = Filters.valid(prod, BOX).data();
                gProd[a][b] = Filters.valid(prod, GAUSS).data();
                boxProd[b][a] = boxProd[a][b];
                gProd[b][a] = gProd[a][b];
            }
        }
        double[] fMean = Filters.valid(f, GAUSS).data();
        double[] fSquare = Filters.valid(Filters.multiply(f, f), GAUSS).data();

        double[] cov = new double[k * k];
        double[] dev = new double[k];
        double[] ed = new double[k];
        double[] coef = new double[k];
        int size = fMean.length;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            // box-window scatter matrix of the exposures, sum over the patch of (x_a - mu_a)(x_b - mu_b), from
            // box sums, which are exact for 8-bit data (and its 2x2 means), so flat patches give exactly 0
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    double s = (n * boxProd[a][b][i] - boxSum[a][i] * boxSum[b][i]) / n;
                    cov[a * k + b] = s;
                    cov[b * k + a] = s;
                }
            }
            double denominator = 0;
            double maxEd = 0;
            double total = 0;
            for (int a = 0; a < k; a++) {
                dev[a] = Math.sqrt(Math.max(cov[a * k + a], 0));
                ed[a] = dev[a] + 0.001;
                denominator += dev[a];
                maxEd = Math.max(maxEd, ed[a]);
                for (int b = 0; b < k; b++) {
                    total += cov[a * k + b];
                }
            }
            double r = (Math.sqrt(Math.max(total, 0)) + EPS) / (denominator + EPS);
            if (r > 1) {
                r = 1 - EPS;
            } else if (r < 0) {
                r = EPS;
            }
            double p = Math.min(Math.tan(Math.PI / 2 * r), 10);
            double norm = 0;
            for (int a = 0; a < k; a++) {
                coef[a] = Math.pow(ed[a] / WIN, p) + EPS;
                norm += coef[a];
            }
            for (int a = 0; a < k; a++) {
                coef[a] = coef[a] / norm / ed[a];
            }
            double rNormSq = 0;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    rNormSq += coef[a] * coef[b] * cov[a * k + b];
                }
            }
            double sigma1Sq = 0;
            double sigma12 = 0;
            if (rNormSq > 0) {
                double scale = maxEd / Math.sqrt(rNormSq);
                for (int a = 0; a < k; a++) {
                    sigma12 += coef[a] * (gCrossF[a][i] - gMean[a][i] * fMean[i]);
                    for (int b = 0; b < k; b++) {
                        sigma1Sq += coef[a] * coef[b] * (gProd[a][b][i] - gMean[a][i] * gMean[b][i]);
                    }
                }
                sigma12 *= scale;
                sigma1Sq *= scale * scale;
            }
            double sigma2Sq = fSquare[i] - fMean[i] * fMean[i];
            sum += (2 * sigma12 + C) / (sigma1Sq + sigma2Sq + C);
        }
        return sum / size;
    }

    /** 2x2 mean with a symmetric border (MATLAB {@code imfilter(x, ones(2)/4, 'symmetric')}), then x(1:2:end, 1:2:end). */
    static Plane halve(Plane in) {
        int w = in.width();
        int h = in.height();
        int ow = (w + 1) / 2;
        int oh = (h + 1) / 2;
        double[] src = in.data();
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            int y0 = 2 * y;
            int y1 = Math.min(y0 + 1, h - 1);
            for (int x = 0; x < ow; x++) {
                int x0 = 2 * x;
                int x1 = Math.min(x0 + 1, w - 1);
                out[y * ow + x] = (src[y0 * w + x0] + src[y0 * w + x1] + src[y1 * w + x0] + src[y1 * w + x1]) / 4;
            }
        }
        return new Plane(ow, oh, out);
    }

    private static double[] boxKernel() {
        double[] k = new double[WIN];
        Arrays.fill(k, 1.0);
        return k;
    }
}
