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
    private static final double LOG2_UNIFORM = -Math.log(L) / Math.log(2);
    /** log2 of 0..4095: covers every difference and window sum of 8-bit pixels (at most 9 * 255). */
    private static final double[] LOG2_INT = new double[4096];

    static {
        for (int i = 1; i < LOG2_INT.length; i++) {
            LOG2_INT[i] = Math.log(i) / Math.log(2);
        }
    }

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

    /**
     * log2 of a window difference or sum: a table lookup for the small integers that 8-bit pixels give,
     * {@link FastMath} otherwise (DCT coefficients).
     */
    private static double log2(double v) {
        if (v < LOG2_INT.length) {
            int i = (int) v;
            if (i == v) {
                return LOG2_INT[i];
            }
        }
        return FastMath.log2(v);
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
        /** E[index], indices 1..9. */
        double mean;
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
            if (max == min) {
                // MATLAB replaces a constant window by ones: a uniform pdf
                for (int k = 0; k < L; k++) {
                    pdf[k] = 1.0 / L;
                    log2Pdf[k] = LOG2_UNIFORM;
                }
            } else {
                // ((v - min) / range) / sum((v - min) / range): the range cancels
                double total = 0;
                for (int k = 0; k < L; k++) {
                    total += raw[k] - min;
                }
                double inv = 1 / total;
                double logTotal = log2(total);
                for (int k = 0; k < L; k++) {
                    double d = raw[k] - min;
                    pdf[k] = d * inv;
                    log2Pdf[k] = d == 0 ? 0 : log2(d) - logTotal;
                }
            }
            double e1 = 0;
            double e2 = 0;
            sumPdf = 0;
            sumPLogP = 0;
            for (int k = 0; k < L; k++) {
                double v = pdf[k];
                sumPdf += v;
                cdf[k + 1] = cdf[k] + v;
                e1 += (k + 1) * v;
                e2 += (k + 1) * (k + 1) * v;
                sumPLogP += v * log2Pdf[k];
            }
            entropy = -sumPLogP;
            meanPdf = sumPdf / L;
            mean = e1;
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

    /** The normalised MI of one source window with the fused window; holds scratch space for the coupling. */
    static final class Pair {
        private final int[] cellF = new int[2 * L];
        private final int[] cellX = new int[2 * L];
        private final double[] cellMass = new double[2 * L];
        private final double[] reflected = new double[L + 1];
        private int cells;

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
            boolean upper = c >= 0;
            double weight = 0;
            if ((!upper || c != 0) && x.sd != 0 && f.sd != 0) {
                // cov of the bin indices under the Frechet bound = MATLAB's sum of (bound - F X) (Hoeffding)
                double cov = coupling(x, f, upper) - f.mean * x.mean;
                weight = c / (cov / (f.sd * x.sd));
            } else {
                cells = 0;
            }
            double joint = jointEntropy(x, f, weight);
            double mi = x.entropy + f.entropy - joint;
            return mi == 0 ? 0 : 2 * mi / (x.entropy + f.entropy);
        }

        /**
         * Lists the cells where the Frechet upper (comonotone) or lower (countermonotone) bound of the two
         * pdfs has mass, by merging the cdfs; at most 2 * 9 - 1 of them. Returns E[I J] under the bound.
         * For the lower bound X's bins are walked from 9 down to 1, over the reflected cdf 1 - X, so that both
         * cases are the same ascending merge; the merge advances without branches, since its direction is
         * data-dependent and would be mispredicted about every other step.
         */
        private double coupling(Window x, Window f, boolean upper) {
            double[] xc;
            if (upper) {
                xc = x.cdf;
            } else {
                xc = reflected;
                for (int k = 0; k <= L; k++) {
                    xc[k] = 1 - x.cdf[L - k];
                }
            }
            double[] fc = f.cdf;
            int n = 0;
            double eij = 0;
            int i = 1;
            int j = 1;
            while (i <= L && j <= L) {
                double fHi = fc[i];
                double xHi = xc[j];
                double mass = Math.min(fHi, xHi) - Math.max(fc[i - 1], xc[j - 1]);
                int jx = upper ? j : L + 1 - j;
                cellF[n] = i - 1;
                cellX[n] = jx - 1;
                cellMass[n] = mass;
                boolean has = mass > 0;
                eij += has ? mass * i * jx : 0;
                n += has ? 1 : 0;
                i += fHi <= xHi ? 1 : 0;
                j += xHi <= fHi ? 1 : 0;
            }
            cells = n;
            return eij;
        }

        /**
         * Entropy of jpdf(i,j) = weight * bound(i,j) + (1 - weight) * pF(i) pX(j), summing -v log2|v| over
         * non-zero cells (|v| because the approximation can go negative; MATLAB keeps the real part).
         * The product part is summed in closed form; only the cells listed by {@link #coupling} need an
         * explicit logarithm.
         */
        private double jointEntropy(Window x, Window f, double weight) {
            double rest = 1 - weight;
            double logRest = rest == 0 ? 0 : FastMath.log2(Math.abs(rest));
            double h = 0;
            if (rest != 0) {
                h = -rest * (logRest * f.sumPdf * x.sumPdf + x.sumPdf * f.sumPLogP + f.sumPdf * x.sumPLogP);
            }
            if (weight == 0) {
                return h;
            }
            for (int n = 0; n < cells; n++) {
                int i = cellF[n];
                int j = cellX[n];
                double product = rest * f.pdf[i] * x.pdf[j];
                // log2Pdf is 0 where the pdf is 0, so an empty product term is 0 without a branch
                double productTerm = -product * (logRest + f.log2Pdf[i] + x.log2Pdf[j]);
                double v = weight * cellMass[n] + product;
                double term = v == 0 ? 0 : -v * FastMath.log2(Math.abs(v));
                h += term - productTerm;
            }
            return h;
        }
    }
}
