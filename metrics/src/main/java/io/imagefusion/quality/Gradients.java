package io.imagefusion.quality;

/** SF and AG: first differences of the fused image. */
public final class Gradients {
    private Gradients() {
    }

    /**
     * SF = sqrt(RF^2 + CF^2): RF^2 is the mean of the H*(W-1) squared horizontal differences, CF^2 the mean of
     * the (H-1)*W squared vertical differences.
     */
    public static double spatialFrequency(GreyImage image) {
        int w = image.width();
        int h = image.height();
        double[] p = image.data();
        double rf = 0;
        double cf = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 1; x < w; x++) {
                double d = p[row + x] - p[row + x - 1];
                rf += d * d;
            }
            if (y > 0) {
                for (int x = 0; x < w; x++) {
                    double d = p[row + x] - p[row - w + x];
                    cf += d * d;
                }
            }
        }
        double rf2 = w > 1 ? rf / ((double) h * (w - 1)) : 0;
        double cf2 = h > 1 ? cf / ((double) (h - 1) * w) : 0;
        return Math.sqrt(rf2 + cf2);
    }

    /**
     * AG: mean over all pixels of sqrt((Gx^2 + Gy^2) / 2), with Gx, Gy central differences inside the image
     * and one-sided differences on the border (MATLAB's {@code gradient}).
     */
    public static double averageGradient(GreyImage image) {
        int w = image.width();
        int h = image.height();
        double[] p = image.data();
        double sum = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double gx = derivative(p, row, x, 1, w);
                double gy = derivative(p, x, y, w, h);
                sum += Math.sqrt((gx * gx + gy * gy) / 2);
            }
        }
        return sum / p.length;
    }

    /** d/dt at position t of the line base + k*stride, k in 0..n-1. */
    private static double derivative(double[] p, int base, int t, int stride, int n) {
        if (n == 1) {
            return 0;
        }
        if (t == 0) {
            return p[base + stride] - p[base];
        }
        if (t == n - 1) {
            return p[base + t * stride] - p[base + (t - 1) * stride];
        }
        return (p[base + (t + 1) * stride] - p[base + (t - 1) * stride]) / 2;
    }
}
