package io.imagefusion.quality;

import java.util.Random;

/** Small test images. */
final class Images {
    private Images() {
    }

    static GreyImage of(int w, int h, double... values) {
        return GreyImage.of(w, h, values);
    }

    static GreyImage constant(int w, int h, double value) {
        double[] p = new double[w * h];
        java.util.Arrays.fill(p, value);
        return GreyImage.of(w, h, p);
    }

    /** Integer-valued noise over a smooth ramp, like a textured photograph. */
    static GreyImage texture(int w, int h, long seed) {
        Random r = new Random(seed);
        double[] p = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 60 + 80 * Math.sin(x / 7.0 + seed) * Math.cos(y / 11.0) + r.nextInt(40);
                p[y * w + x] = Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return GreyImage.of(w, h, p);
    }

    static GreyImage map(GreyImage g, java.util.function.DoubleUnaryOperator f) {
        double[] p = g.pixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = f.applyAsDouble(p[i]);
        }
        return GreyImage.of(g.width(), g.height(), p);
    }
}
