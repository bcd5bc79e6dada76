package io.imagefusion.quality;

/** SD and SCD: moments over all pixels. */
public final class Statistics {
    private Statistics() {
    }

    /** SD: population standard deviation on the 0..255 scale (divided by H*W). */
    public static double standardDeviation(GreyImage image) {
        double[] p = image.data();
        double mean = mean(p);
        double ss = 0;
        for (double v : p) {
            double d = v - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / p.length);
    }

    /**
     * SCD (Aslantas and Bendes 2015): corr(F - B, A) + corr(F - A, B), Pearson over all pixels, in -2..2.
     * NaN when a correlation is undefined (a constant image or a constant difference).
     */
    public static double scd(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        double[] pa = a.data();
        double[] pb = b.data();
        double[] pf = fused.data();
        return correlationOfDifference(pf, pb, pa) + correlationOfDifference(pf, pa, pb);
    }

    /** Pearson correlation of (f - s) with x. */
    private static double correlationOfDifference(double[] f, double[] s, double[] x) {
        int n = f.length;
        double md = 0;
        double mx = 0;
        for (int i = 0; i < n; i++) {
            md += f[i] - s[i];
            mx += x[i];
        }
        md /= n;
        mx /= n;
        double sdx = 0;
        double sdd = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double d = f[i] - s[i] - md;
            double e = x[i] - mx;
            sdx += d * e;
            sdd += d * d;
            sxx += e * e;
        }
        return sdx / Math.sqrt(sdd * sxx);
    }

    static double mean(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s / p.length;
    }
}
