package io.imagefusion.quality;

import io.imagefusion.quality.EdgeMaps.Angles;
import io.imagefusion.quality.EdgeMaps.Border;

/**
 * Nabf: the share of fusion artefacts, Shreyamsha Kumar's modification (SIViP 2013) of Petrovic and Xydeas'
 * N^AB/F, with Petrovic's later constants.
 *
 * <p>Sobel kernels divided by 8 on a reflected border; G^XF = min/max of strengths (0 where either is 0);
 * A^XF = | |alphaX - alphaF| - pi/2 | * 2/pi; Q^XF = sqrt(Qg Qa) with Qg = 0.9999 / (1 + e^(-19 (G - 0.5))),
 * Qa = 0.9995 / (1 + e^(-22 (A - 0.5))); weights w_X = gX^1.5 where gX >= Td = 2, else 0.001.
 * Artefact pixels are those where gF > gA and gF > gB:
 * Nabf = sum over artefact pixels of ((1 - Q^AF) w_A + (1 - Q^BF) w_B) / sum over all pixels of (w_A + w_B).
 * Kumar's function takes its arguments as (F, A, B): here they are named.
 */
public final class Nabf {
    private static final double TD = 2;
    private static final double WT_MIN = 0.001;
    private static final double NRG = 0.9999;
    private static final double KG = 19;
    private static final double SIGMA_G = 0.5;
    private static final double NRA = 0.9995;
    private static final double KA = 22;
    private static final double SIGMA_A = 0.5;

    private Nabf() {
    }

    public static double compute(GreyImage a, GreyImage b, GreyImage fused) {
        Checks.sameSize(a, b, fused);
        EdgeMaps ea = EdgeMaps.of(a, Border.REFLECT, 1.0 / 8, Angles.KUMAR);
        EdgeMaps eb = EdgeMaps.of(b, Border.REFLECT, 1.0 / 8, Angles.KUMAR);
        EdgeMaps ef = EdgeMaps.of(fused, Border.REFLECT, 1.0 / 8, Angles.KUMAR);
        double artefacts = 0;
        double weights = 0;
        for (int i = 0; i < ef.strength.length; i++) {
            double ga = ea.strength[i];
            double gb = eb.strength[i];
            double gf = ef.strength[i];
            // g^L with L = 1.5
            double wa = ga >= TD ? ga * Math.sqrt(ga) : WT_MIN;
            double wb = gb >= TD ? gb * Math.sqrt(gb) : WT_MIN;
            weights += wa + wb;
            if (gf > ga && gf > gb) {
                double qaf = preservation(ga, ea.angle[i], gf, ef.angle[i]);
                double qbf = preservation(gb, eb.angle[i], gf, ef.angle[i]);
                artefacts += (1 - qaf) * wa + (1 - qbf) * wb;
            }
        }
        return artefacts / weights;
    }

    private static double preservation(double gx, double ax, double gf, double af) {
        double g = gx == 0 || gf == 0 ? 0 : gx > gf ? gf / gx : gx / gf;
        double orient = Math.abs(Math.abs(ax - af) - Math.PI / 2) * 2 / Math.PI;
        double qg = NRG / (1 + Math.exp(-KG * (g - SIGMA_G)));
        double qa = NRA / (1 + Math.exp(-KA * (orient - SIGMA_A)));
        return Math.sqrt(qg * qa);
    }
}
