package io.imagefusion.quality;

/**
 * FMI: Haghighat's feature mutual information, the Fast-FMI algorithm (Haghighat et al. 2011; Haghighat and
 * Razian 2014), with 3x3 sliding windows.
 *
 * <p>Features: {@link #pixel} uses the raw pixels (no feature extraction: MATLAB {@code fmi(A,B,F,'none',3)}),
 * {@link #dct} the orthonormal DCT-II of the whole image ({@code dct2}), windows sliding over the coefficient
 * array. For every valid 3x3 window position (the image minus a 1-pixel border) and each source X:
 * <ul>
 *   <li>if X's window equals F's window element by element, fmi = 1;</li>
 *   <li>otherwise each window is min-max normalised to 0..1 (a constant window becomes all ones), divided by
 *       its sum to give a 9-bin pdf in column-major order, and the joint pdf is Nelsen's approximation
 *       phi * U + (1 - phi) * pF pX, U the Frechet upper bound (lower bound L, weight theta, if the Pearson
 *       correlation c of the two pdf vectors is negative), phi = c / corr(U) computed on the bin indices 1..9;</li>
 *   <li>fmi = 2 MI / (H(X) + H(F)), with MI = H(X) + H(F) - H(X,F) in bits (0 if MI = 0).</li>
 * </ul>
 * The value is the mean over window positions of (fmi_AF + fmi_BF) / 2.
 */
public final class Fmi {
    private static final int L = 9;
    private static final double INV_LN2 = 1 / Math.log(2);

    private Fmi() {
    }

    /** FMI on raw pixels. */
    public static double pixel(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        Checks.atLeast(fused.width(), fused.height(), 3, "FMI");
        return fmi(a.data(), b.data(), fused.data(), fused.width(), fused.height());
    }

    /** FMI on the whole-image orthonormal DCT-II coefficients. */
    public static double dct(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        Checks.atLeast(fused.width(), fused.height(), 3, "FMI");
        int w = fused.width();
        int h = fused.height();
        return fmi(Dct.dct2(a.data(), w, h), Dct.dct2(b.data(), w, h), Dct.dct2(fused.data(), w, h), w, h);
    }

    static double fmi(double[] fa, double[] fb, double[] ff, int w, int h) {
        Window wa = new Window();
        Window wb = new Window();
        Window wf = new Window();
        Pair pair = new Pair();
        double sum = 0;
        for (int p = 1; p < h - 1; p++) {
            for (int q = 1; q < w - 1; q++) {
                wa.load(fa, w, p, q);
                wb.load(fb, w, p, q);
                wf.load(ff, w, p, q);
                double af = pair.fmi(wa, wf);
                double bf = pair.fmi(wb, wf);
                sum += (af + bf) / 2;
            }
        }
        return sum / ((double) (w - 2) * (h - 2));
    }

    /** One 3x3 window of one feature image and its derived pdf, cdf and entropy; reused across positions. */
    static final class Window {
        final double[] raw = new double[L];
        final double[] pdf = new double[L];
        final double[] log2Pdf = new double[L];
        /** cdf[i] = P(index <= i), cdf[0] = 0, i = 0..9. */
        final double[] cdf = new double[L + 1];
        double sumPdf;
        double sumPLogP;
        double entropy;
        double sd;
        double meanPdf;

        /** Window centred at row p, column q, in MATLAB's column-major order. */
        void load(double[] f, int w, int p, int q) {
            int k = 0;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    raw[k++] = f[(p + dy) * w + q + dx];
                }
            }
            derive();
        }

        void derive() {
            double min = raw[0];
            double max = raw[0];
            for (int k = 1; k < L; k++) {
                min = Math.min(min, raw[k]);
                max = Math.max(max, raw[k]);
            }
            double total = 0;
            if (max == min) {
                for (int k = 0; k < L; k++) {
                    pdf[k] = 1;
                }
                total = L;
            } else {
                double range = max - min;
                for (int k = 0; k < L; k++) {
                    pdf[k] = (raw[k] - min) / range;
                    total += pdf[k];
                }
            }
            double e1 = 0;
            double e2 = 0;
            sumPdf = 0;
            sumPLogP = 0;
            for (int k = 0; k < L; k++) {
                double v = pdf[k] / total;
                pdf[k] = v;
                sumPdf += v;
                cdf[k + 1] = cdf[k] + v;
                e1 += (k + 1) * v;
                e2 += (k + 1) * (k + 1) * v;
                if (v != 0) {
                    double lg = Math.log(v) * INV_LN2;
                    log2Pdf[k] = lg;
                    sumPLogP += v * lg;
                } else {
                    log2Pdf[k] = 0;
                }
            }
            entropy = -sumPLogP;
            meanPdf = sumPdf / L;
            sd = Math.sqrt(Math.max(0, e2 - e1 * e1));
        }

        boolean sameRaw(Window o) {
            for (int k = 0; k < L; k++) {
                if (raw[k] != o.raw[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The normalised MI of one source window with the fused window. */
    static final class Pair {
        double fmi(Window x, Window f) {
            if (x.sameRaw(f)) {
                return 1;
            }
            double sxf = 0;
            double sxx = 0;
            double sff = 0;
            for (int k = 0; k < L; k++) {
                double dx = x.pdf[k] - x.meanPdf;
                double df = f.pdf[k] - f.meanPdf;
                sxf += dx * df;
                sxx += dx * dx;
                sff += df * df;
            }
            double c = sxf == 0 ? 0 : sxf / Math.sqrt(sxx * sff);
            double joint;
            if (c >= 0) {
                double phi = 0;
                if (c != 0 && x.sd != 0 && f.sd != 0) {
                    double cov = 0;
                    for (int i = 1; i <= L; i++) {
                        for (int j = 1; j <= L; j++) {
                            cov += Math.min(f.cdf[i], x.cdf[j]);
                        }
                    }
                    cov -= cdfSum(f) * cdfSum(x);
                    phi = c / (cov / (f.sd * x.sd));
                }
                joint = jointEntropy(x, f, phi, true);
            } else {
                double theta = 0;
                if (x.sd != 0 && f.sd != 0) {
                    double cov = 0;
                    for (int i = 1; i <= L; i++) {
                        for (int j = 1; j <= L; j++) {
                            cov += Math.max(f.cdf[i] + x.cdf[j] - 1, 0);
                        }
                    }
                    cov -= cdfSum(f) * cdfSum(x);
                    theta = c / (cov / (f.sd * x.sd));
                }
                joint = jointEntropy(x, f, theta, false);
            }
            double mi = x.entropy + f.entropy - joint;
            return mi == 0 ? 0 : 2 * mi / (x.entropy + f.entropy);
        }

        private static double cdfSum(Window w) {
            double s = 0;
            for (int i = 1; i <= L; i++) {
                s += w.cdf[i];
            }
            return s;
        }

        /**
         * Entropy of jpdf(i,j) = weight * bound(i,j) + (1 - weight) * pF(i) pX(j), summing -v log2|v| over
         * non-zero cells (|v| because the approximation can go negative; MATLAB keeps the real part).
         * The product part is summed in closed form; only the at most 17 cells where the bound has mass
         * need an explicit logarithm.
         */
        private static double jointEntropy(Window x, Window f, double weight, boolean upper) {
            double rest = 1 - weight;
            double logRest = rest == 0 ? 0 : Math.log(Math.abs(rest)) * INV_LN2;
            double h = 0;
            if (rest != 0) {
                h = -rest * (logRest * f.sumPdf * x.sumPdf + x.sumPdf * f.sumPLogP + f.sumPdf * x.sumPLogP);
            }
            if (weight == 0) {
                return h;
            }
            int i = 1;
            int j = upper ? 1 : L;
            while (i <= L && j >= 1 && j <= L) {
                double fLo = f.cdf[i - 1];
                double fHi = f.cdf[i];
                double xLo = upper ? x.cdf[j - 1] : 1 - x.cdf[j];
                double xHi = upper ? x.cdf[j] : 1 - x.cdf[j - 1];
                double mass = Math.min(fHi, xHi) - Math.max(fLo, xLo);
                if (mass > 0) {
                    double pf = f.pdf[i - 1];
                    double px = x.pdf[j - 1];
                    double product = rest * pf * px;
                    double productTerm = product == 0 ? 0 : -product * (logRest + f.log2Pdf[i - 1] + x.log2Pdf[j - 1]);
                    double v = weight * mass + product;
                    double term = v == 0 ? 0 : -v * Math.log(Math.abs(v)) * INV_LN2;
                    h += term - productTerm;
                }
                if (fHi < xHi) {
                    i++;
                } else if (xHi < fHi) {
                    j += upper ? 1 : -1;
                } else {
                    i++;
                    j += upper ? 1 : -1;
                }
            }
            return h;
        }
    }
}
