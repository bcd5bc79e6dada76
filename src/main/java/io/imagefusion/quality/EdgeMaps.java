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
        double[] p = image.data();
        double[] strength = new double[p.length];
        double[] angle = new double[p.length];
        for (int y = 0; y < h; y++) {
            int ym = neighbour(y - 1, h, border);
            int yp = neighbour(y + 1, h, border);
            for (int x = 0; x < w; x++) {
                int xm = neighbour(x - 1, w, border);
                int xp = neighbour(x + 1, w, border);
                double tl = at(p, w, xm, ym);
                double tc = at(p, w, x, ym);
                double tr = at(p, w, xp, ym);
                double ml = at(p, w, xm, y);
                double mr = at(p, w, xp, y);
                double bl = at(p, w, xm, yp);
                double bc = at(p, w, x, yp);
                double br = at(p, w, xp, yp);
                double gx = scale * ((tr + 2 * mr + br) - (tl + 2 * ml + bl));
                double gy = scale * ((bl + 2 * bc + br) - (tl + 2 * tc + tr));
                int i = y * w + x;
                strength[i] = Math.sqrt(gx * gx + gy * gy);
                if (angles == Angles.XYDEAS) {
                    angle[i] = gx == 0 ? Math.PI / 2 : Math.atan(gy / -gx);
                } else {
                    angle[i] = gx == 0 && gy == 0 ? 0 : Math.atan(gx / gy);
                }
            }
        }
        return new EdgeMaps(strength, angle);
    }

    /** Index of the neighbour at {@code i}, or -1 for a zero outside the image. */
    private static int neighbour(int i, int n, Border border) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (border == Border.ZERO || n == 1) {
            return -1;
        }
        return i < 0 ? 1 : n - 2;
    }

    private static double at(double[] p, int w, int x, int y) {
        return x < 0 || y < 0 ? 0 : p[y * w + x];
    }
}
