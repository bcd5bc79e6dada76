package io.imagefusion.quality;

import io.imagefusion.quality.EdgeMaps.Angles;
import io.imagefusion.quality.EdgeMaps.Border;

/**
 * Qabf: Xydeas and Petrovic's edge-preservation measure (Electronics Letters 2000).
 *
 * <p>Sobel strength g and orientation alpha on a zero-padded image (MATLAB {@code conv2(.., 'same')}).
 * G^AF = min(gA, gF) / max(gA, gF) (1 where both are equal, 0 where exactly one is 0),
 * A^AF = 1 - |alphaA - alphaF| / (pi/2); Q^AF = Qg * Qa with
 * Qg = 0.9994 / (1 + e^(-15 (G - 0.5))) and Qa = 0.9879 / (1 + e^(-22 (A - 0.8))).
 * Qabf = sum(Q^AF gA^L + Q^BF gB^L) / sum(gA^L + gB^L), L = 1.
 */
public final class Qabf {
    private static final double GAMMA_G = 0.9994;
    private static final double KAPPA_G = -15;
    private static final double SIGMA_G = 0.5;
    private static final double GAMMA_A = 0.9879;
    private static final double KAPPA_A = -22;
    private static final double SIGMA_A = 0.8;

    private Qabf() {
    }

    public static double compute(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        EdgeMaps ea = EdgeMaps.of(a, Border.ZERO, 1, Angles.XYDEAS);
        EdgeMaps eb = EdgeMaps.of(b, Border.ZERO, 1, Angles.XYDEAS);
        EdgeMaps ef = EdgeMaps.of(fused, Border.ZERO, 1, Angles.XYDEAS);
        double num = 0;
        double den = 0;
        for (int i = 0; i < ef.strength.length; i++) {
            double ga = ea.strength[i];
            double gb = eb.strength[i];
            double gf = ef.strength[i];
            if (ga > 0) {
                num += preservation(ga, ea.angle[i], gf, ef.angle[i]) * ga;
            }
            if (gb > 0) {
                num += preservation(gb, eb.angle[i], gf, ef.angle[i]) * gb;
            }
            den += ga + gb;
        }
        return den == 0 ? 0 : num / den;
    }

    /** Q^XF at one pixel, as Gamma_g Gamma_a / ((1 + e_g)(1 + e_a)) to need one division for both sigmoids. */
    static double preservation(double gx, double ax, double gf, double af) {
        double g = gx == gf ? 1 : gx > gf ? gf / gx : gx / gf;
        double orient = 1 - Math.abs(ax - af) * (2 / Math.PI);
        double eg = Math.exp(KAPPA_G * (g - SIGMA_G));
        double ea = Math.exp(KAPPA_A * (orient - SIGMA_A));
        return GAMMA_G * GAMMA_A / ((1 + eg) * (1 + ea));
    }
}
