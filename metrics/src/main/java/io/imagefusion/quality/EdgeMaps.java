package io.imagefusion.quality;

/**
 * Sobel edge strength and orientation, the input of Qabf and Nabf.
 *
 * <p>{@code gx} responds to horizontal change ([-1 0 1; -2 0 2; -1 0 1]), {@code gy} to vertical change
 * ([-1 -2 -1; 0 0 0; 1 2 1]) as correlations; strength sqrt(gx^2 + gy^2); orientation per {@link Angles}.
 */
final class EdgeMaps {
    /** How the image is extended past its border before the 3x3 Sobel operator. */
    enum Border {
        /** Zeros outside the image, as MATLAB {@code conv2(x, h, 'same')} in the usual Qabf code. */
        ZERO,
        /** Mirror without repeating the edge pixel (x(-1) = x(1)), as in Shreyamsha Kumar's Nabf code. */
        REFLECT
    }

    final double[] strength;
    final double[] angle;

    private EdgeMaps(double[] strength, double[] angle) {
        this.strength = strength;
        this.angle = angle;
    }

    /** How the orientation is derived from the two responses; both follow the code the constants come from. */
    enum Angles {
        /**
         * Xydeas-Petrovic code: with Sx = conv2(x, [-1 0 1; -2 0 2; -1 0 1]) = -gx and Sy = gy,
         * alpha = atan(Sy / Sx), and pi/2 wherever Sx = 0.
         */
        XYDEAS,
        /** Kumar's code: alpha = atan(gx / gy) (+-pi/2 where gy = 0), and 0 where gx = gy = 0. */
        KUMAR
    }

    /** @param scale multiplies both responses (Kumar's code divides the Sobel kernels by 8) */
    static EdgeMaps of(GreyImage image, Border border, double scale, Angles angles) {
        int w = image.width();
        int h = image.height();
        int pw = w + 2;
        double[] padded = pad(image.data(), w, h, border);
        double[] gx = new double[w * h];
        double[] gy = new double[w * h];
        // branch-free over a padded copy, so that the JIT can vectorise the two Sobel sums
        for (int y = 0; y < h; y++) {
            int top = y * pw;
            int mid = top + pw;
            int bottom = mid + pw;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                double tl = padded[top + x];
                double tc = padded[top + x + 1];
                double tr = padded[top + x + 2];
                double bl = padded[bottom + x];
                double bc = padded[bottom + x + 1];
                double br = padded[bottom + x + 2];
                gx[o + x] = scale * ((tr + 2 * padded[mid + x + 2] + br) - (tl + 2 * padded[mid + x] + bl));
                gy[o + x] = scale * ((bl + 2 * bc + br) - (tl + 2 * tc + tr));
            }
        }
        double[] strength = new double[w * h];
        double[] angle = new double[w * h];
        for (int i = 0; i < strength.length; i++) {
            double sx = gx[i];
            double sy = gy[i];
            strength[i] = Math.sqrt(sx * sx + sy * sy);
            if (angles == Angles.XYDEAS) {
                angle[i] = sx == 0 ? Math.PI / 2 : FastMath.atan(sy / -sx);
            } else {
                angle[i] = sx == 0 && sy == 0 ? 0 : FastMath.atan(sx / sy);
            }
        }
        return new EdgeMaps(strength, angle);
    }

    /** The image with a one-pixel frame: zeros, or mirrored without repeating the edge (the edge itself if 1 wide). */
    private static double[] pad(double[] p, int w, int h, Border border) {
        int pw = w + 2;
        double[] out = new double[pw * (h + 2)];
        for (int y = -1; y <= h; y++) {
            int sy = source(y, h, border);
            if (sy < 0) {
                continue;
            }
            int row = (y + 1) * pw;
            System.arraycopy(p, sy * w, out, row + 1, w);
            int left = source(-1, w, border);
            int right = source(w, w, border);
            if (left >= 0) {
                out[row] = p[sy * w + left];
            }
            if (right >= 0) {
                out[row + w + 1] = p[sy * w + right];
            }
        }
        return out;
    }

    /** The row or column that supplies position {@code i} of the frame, or -1 for zero. */
    private static int source(int i, int n, Border border) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (border == Border.ZERO) {
            return -1;
        }
        if (n == 1) {
            return 0;
        }
        return i < 0 ? 1 : n - 2;
    }
}
