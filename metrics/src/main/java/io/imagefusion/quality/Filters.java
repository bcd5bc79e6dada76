package io.imagefusion.quality;

/**
 * Separable filtering on row-major double planes.
 *
 * <p>All filters here are MATLAB {@code filter2(win, x, 'valid')} equivalents for separable windows: the
 * output is (w - n + 1) x (h - n + 1) and only covers positions where the whole window fits.
 */
final class Filters {
    private Filters() {
    }

    /** MATLAB {@code fspecial('gaussian', n, sigma)} as its 1-D factor (the 2-D window is its outer product). */
    static double[] gaussian(int n, double sigma) {
        double[] k = new double[n];
        double half = (n - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = i - half;
            k[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < n; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** A valid-region separable correlation with kernel {@code k} applied along both axes. */
    static Plane valid(Plane in, double[] k) {
        int n = k.length;
        int w = in.width();
        int h = in.height();
        int ow = w - n + 1;
        int oh = h - n + 1;
        if (ow <= 0 || oh <= 0) {
            throw new IllegalArgumentException("a " + w + "x" + h + " plane is smaller than the " + n + "x" + n + " window");
        }
        double[] src = in.data();
        double[] tmp = new double[ow * h];
        for (int y = 0; y < h; y++) {
            int r = y * w;
            int o = y * ow;
            // tap-outer, pixel-inner: the inner loop is a plain axpy the JIT vectorises
            for (int i = 0; i < n; i++) {
                double ki = k[i];
                int base = r + i;
                for (int x = 0; x < ow; x++) {
                    tmp[o + x] += ki * src[base + x];
                }
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            int o = y * ow;
            for (int i = 0; i < n; i++) {
                double ki = k[i];
                int t = (y + i) * ow;
                for (int x = 0; x < ow; x++) {
                    out[o + x] += ki * tmp[t + x];
                }
            }
        }
        return new Plane(ow, oh, out);
    }

    /** Element-wise product. */
    static Plane multiply(Plane a, Plane b) {
        double[] pa = a.data();
        double[] pb = b.data();
        double[] out = new double[pa.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pa[i] * pb[i];
        }
        return new Plane(a.width(), a.height(), out);
    }

    /** Keeps every second row and column starting with the first (MATLAB {@code x(1:2:end, 1:2:end)}). */
    static Plane decimate(Plane in) {
        int w = in.width();
        int ow = (w + 1) / 2;
        int oh = (in.height() + 1) / 2;
        double[] src = in.data();
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = src[2 * y * w + 2 * x];
            }
        }
        return new Plane(ow, oh, out);
    }

    /** A mutable-by-convention working plane; the metrics never modify a plane once built. */
    record Plane(int width, int height, double[] data) {
        static Plane of(GreyImage g) {
            return new Plane(g.width(), g.height(), g.data());
        }
    }
}
