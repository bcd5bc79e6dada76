package io.imagefusion.quality;

/**
 * Fast-FMI written the slow, obvious way (full 9x9 joint pdf, inclusion-exclusion of the Frechet bounds,
 * Math.log, naive O(n^2) DCT) as the oracle for the optimised {@link Fmi}.
 */
final class ReferenceFmi {
    private ReferenceFmi() {
    }

    static double fmi(double[] a, double[] b, double[] f, int w, int h) {
        double sum = 0;
        for (int p = 1; p < h - 1; p++) {
            for (int q = 1; q < w - 1; q++) {
                double[] wa = window(a, w, p, q);
                double[] wb = window(b, w, p, q);
                double[] wf = window(f, w, p, q);
                sum += (pair(wa, wf) + pair(wb, wf)) / 2;
            }
        }
        return sum / ((w - 2) * (h - 2));
    }

    private static double[] window(double[] img, int w, int p, int q) {
        double[] out = new double[9];
        int k = 0;
        for (int col = q - 1; col <= q + 1; col++) {
            for (int row = p - 1; row <= p + 1; row++) {
                out[k++] = img[row * w + col];
            }
        }
        return out;
    }

    private static double pair(double[] x, double[] f) {
        if (java.util.Arrays.equals(x, f)) {
            return 1;
        }
        double[] px = pdf(x);
        double[] pf = pdf(f);
        double[] cx = cdf(px);
        double[] cf = cdf(pf);
        double mx = mean(px);
        double mf = mean(pf);
        double sxf = 0;
        double sxx = 0;
        double sff = 0;
        for (int i = 0; i < 9; i++) {
            sxf += (px[i] - mx) * (pf[i] - mf);
            sxx += (px[i] - mx) * (px[i] - mx);
            sff += (pf[i] - mf) * (pf[i] - mf);
        }
        double c = sxf == 0 ? 0 : sxf / Math.sqrt(sxx * sff);
        double sdx = sd(px);
        double sdf = sd(pf);
        boolean upper = c >= 0;
        double weight = 0;
        if ((upper ? c != 0 : true) && sdx != 0 && sdf != 0) {
            double cov = 0;
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 9; j++) {
                    cov += bound(cf[i], cx[j], upper) - cf[i] * cx[j];
                }
            }
            weight = c / (cov / (sdf * sdx));
        }
        double joint = 0;
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                double fi1 = i == 0 ? 0 : cf[i - 1];
                double xj1 = j == 0 ? 0 : cx[j - 1];
                double mass = bound(cf[i], cx[j], upper) - bound(fi1, cx[j], upper) - bound(cf[i], xj1, upper)
                        + bound(fi1, xj1, upper);
                double v = weight * mass + (1 - weight) * pf[i] * px[j];
                if (v != 0) {
                    joint += -v * Math.log(Math.abs(v)) / Math.log(2);
                }
            }
        }
        double hx = entropy(px);
        double hf = entropy(pf);
        double mi = hx + hf - joint;
        return mi == 0 ? 0 : 2 * mi / (hx + hf);
    }

    private static double bound(double u, double v, boolean upper) {
        return upper ? Math.min(u, v) : Math.max(u + v - 1, 0);
    }

    private static double[] pdf(double[] raw) {
        double min = java.util.Arrays.stream(raw).min().orElseThrow();
        double max = java.util.Arrays.stream(raw).max().orElseThrow();
        double[] n = new double[9];
        for (int i = 0; i < 9; i++) {
            n[i] = max == min ? 1 : (raw[i] - min) / (max - min);
        }
        double s = java.util.Arrays.stream(n).sum();
        for (int i = 0; i < 9; i++) {
            n[i] /= s;
        }
        return n;
    }

    private static double[] cdf(double[] p) {
        double[] c = new double[9];
        double s = 0;
        for (int i = 0; i < 9; i++) {
            s += p[i];
            c[i] = s;
        }
        return c;
    }

    private static double mean(double[] p) {
        return java.util.Arrays.stream(p).sum() / p.length;
    }

    private static double sd(double[] p) {
        double e1 = 0;
        double e2 = 0;
        for (int i = 0; i < 9; i++) {
            e1 += (i + 1) * p[i];
            e2 += (i + 1) * (i + 1) * p[i];
        }
        return Math.sqrt(Math.max(0, e2 - e1 * e1));
    }

    private static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v != 0) {
                h -= v * Math.log(v) / Math.log(2);
            }
        }
        return h;
    }

    /** Orthonormal 2-D DCT-II by definition. */
    static double[] dct2(double[] x, int w, int h) {
        double[] rows = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int k = 0; k < w; k++) {
                double s = 0;
                for (int n = 0; n < w; n++) {
                    s += x[y * w + n] * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * w));
                }
                rows[y * w + k] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / w);
            }
        }
        double[] out = new double[w * h];
        for (int x0 = 0; x0 < w; x0++) {
            for (int k = 0; k < h; k++) {
                double s = 0;
                for (int n = 0; n < h; n++) {
                    s += rows[n * w + x0] * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * h));
                }
                out[k * w + x0] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / h);
            }
        }
        return out;
    }
}
