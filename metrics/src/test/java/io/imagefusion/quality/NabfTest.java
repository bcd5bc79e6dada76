package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NabfTest {
    @Test
    void noArtefactsWhenTheFusedImageIsNoSharperThanASource() {
        GreyImage a = Images.texture(24, 20, 1);
        GreyImage b = Images.texture(24, 20, 2);
        assertEquals(0.0, Nabf.compute(a, b, a), 0.0);
        assertEquals(0.0, Nabf.compute(a, b, Images.map(a, v -> v / 2)), 0.0);
    }

    @Test
    void aDoubledStepEdgeByHand() {
        // A: a vertical step 0 | 64 (columns 0-3 | 4-7), B flat, F = 2A.
        // Sobel / 8 on the reflected border: gx = 64 * 4 / 8 = 32 in columns 3 and 4, gy = 0, elsewhere 0.
        // Artefact pixels: columns 3, 4 (gF = 64 > gA = 32 > gB = 0); weights: wA = 32^1.5 there, else 0.001;
        // wB = 0.001 everywhere. Q^AF: G = 1/2, orientation difference 0 -> A = 1;
        // Q^BF: G = 0, alphaB = 0, alphaF = atan(gx / 0) = pi/2 -> A = 0.
        int w = 8;
        int h = 6;
        double[] pa = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 4; x < w; x++) {
                pa[y * w + x] = 64;
            }
        }
        GreyImage a = GreyImage.of(w, h, pa);
        GreyImage b = Images.constant(w, h, 10);
        GreyImage f = Images.map(a, v -> 2 * v);
        double qaf = Math.sqrt(0.9999 / (1 + Math.exp(-19 * (0.5 - 0.5))) * 0.9995 / (1 + Math.exp(-22 * (1 - 0.5))));
        double qbf = Math.sqrt(0.9999 / (1 + Math.exp(-19 * (0 - 0.5))) * 0.9995 / (1 + Math.exp(-22 * (0 - 0.5))));
        double wa = Math.pow(32, 1.5);
        int edge = 2 * h;
        double artefacts = edge * ((1 - qaf) * wa + (1 - qbf) * 0.001);
        double weights = edge * wa + (w * h - edge) * 0.001 + w * h * 0.001;
        assertEquals(artefacts / weights, Nabf.compute(a, b, f), 1e-12);
    }
}
