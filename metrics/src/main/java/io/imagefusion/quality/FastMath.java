package io.imagefusion.quality;

/**
 * Table-based log2 and atan, within a few units in the last place of {@code Math} and several times faster: FMI takes some sixty logarithms per pixel, Qabf and Nabf three arctangents
 * ({@code Math.atan} is not a JIT intrinsic).
 */
final class FastMath {
    private static final int BITS = 10;
    private static final double[] T = new double[1 << BITS];
    private static final double[] INV_T = new double[1 << BITS];
    private static final double[] LOG2_T = new double[1 << BITS];
    private static final double INV_LN2 = 1 / Math.log(2);

    static {
        for (int i = 0; i < T.length; i++) {
            T[i] = 1 + (double) i / T.length;
            INV_T[i] = 1 / T[i];
            LOG2_T[i] = Math.log(T[i]) * INV_LN2;
        }
    }

    private static final int ATAN_STEPS = 1024;
    private static final double[] ATAN = new double[ATAN_STEPS + 1];

    static {
        for (int i = 0; i <= ATAN_STEPS; i++) {
            ATAN[i] = Math.atan((double) i / ATAN_STEPS);
        }
    }

    private FastMath() {
    }

    /**
     * x = 2^e * m with m in [1, 2); m = t (1 + u) with t the 1024-entry table value at or below m, so
     * log2 x = e + log2 t + ln(1 + u) / ln 2 with u < 2^-10, where five series terms leave an error below 1e-18.
     */
    static double log2(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) - 1023;
        if (exponent == -1023 || exponent == 1024 || bits < 0) {
            // zero, subnormal, infinite, NaN or negative: not on the hot path
            return Math.log(x) * INV_LN2;
        }
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        int idx = (int) (mantissa >>> (52 - BITS));
        double m = Double.longBitsToDouble(mantissa | 0x3FF0000000000000L);
        double u = (m - T[idx]) * INV_T[idx];
        double ln1p = u * (1 - u * (0.5 - u * (1.0 / 3 - u * (0.25 - u * 0.2))));
        return exponent + LOG2_T[idx] + ln1p * INV_LN2;
    }

    /**
     * atan(x) = atan(c) + atan((t - c) / (1 + t c)) for t = |x| (or 1/|x| above 1, then pi/2 minus it) and c the
     * nearest multiple of 1/1024; the remainder's argument is below 2^-11, where four series terms are exact
     * to double precision. Infinite x gives +-pi/2, NaN gives NaN.
     */
    static double atan(double x) {
        if (x != x) {
            return x;
        }
        double ax = Math.abs(x);
        boolean inverted = ax > 1;
        double t = inverted ? 1 / ax : ax;
        int idx = (int) (t * ATAN_STEPS + 0.5);
        double c = (double) idx / ATAN_STEPS;
        double d = (t - c) / (1 + t * c);
        double d2 = d * d;
        double r = ATAN[idx] + d * (1 - d2 * (1.0 / 3 - d2 * (0.2 - d2 * (1.0 / 7))));
        if (inverted) {
            r = Math.PI / 2 - r;
        }
        return x < 0 ? -r : r;
    }
}
