package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FmiTest {
    @Test
    void fusingIdenticalImagesIntoThemselvesScoresOne() {
        GreyImage x = Images.texture(20, 15, 2);
        assertEquals(1.0, Fmi.pixel(x, x, x), 0.0);
        assertEquals(1.0, Fmi.dct(x, x, x), 0.0);
    }

    @Test
    void matchesAStraightforwardTransliterationOfTheFastFmiCode() {
        Random r = new Random(11);
        for (int trial = 0; trial < 4; trial++) {
            int w = 9 + r.nextInt(8);
            int h = 7 + r.nextInt(8);
            GreyImage a = coarse(w, h, r);
            GreyImage b = coarse(w, h, r);
            GreyImage f = trial == 0 ? a : coarse(w, h, r);
            assertEquals(ReferenceFmi.fmi(a.pixels(), b.pixels(), f.pixels(), w, h), Fmi.pixel(a, b, f), 1e-12);
            assertEquals(ReferenceFmi.fmi(ReferenceFmi.dct2(a.pixels(), w, h), ReferenceFmi.dct2(b.pixels(), w, h),
                    ReferenceFmi.dct2(f.pixels(), w, h), w, h), Fmi.dct(a, b, f), 1e-10);
        }
    }

    @Test
    void pixelFmiIsInvariantToAScaleAndOffsetOfAllImages() {
        GreyImage a = Images.texture(30, 20, 1);
        GreyImage b = Images.texture(30, 20, 2);
        GreyImage f = Images.texture(30, 20, 3);
        double fmi = Fmi.pixel(a, b, f);
        assertTrue(fmi > 0 && fmi < 1);
        assertEquals(fmi, Fmi.pixel(Images.map(a, v -> 3 * v + 7), Images.map(b, v -> 3 * v + 7),
                Images.map(f, v -> 3 * v + 7)), 1e-12);
    }

    @Test
    void dctFmiIsInvariantToAScaleOfAllImages() {
        GreyImage a = Images.texture(30, 20, 1);
        GreyImage b = Images.texture(30, 20, 2);
        GreyImage f = Images.texture(30, 20, 3);
        assertEquals(Fmi.dct(a, b, f), Fmi.dct(Images.map(a, v -> 0.25 * v), Images.map(b, v -> 0.25 * v),
                Images.map(f, v -> 0.25 * v)), 1e-10);
    }

    @Test
    void dctIsTheOrthonormalDct2() {
        Random r = new Random(5);
        int[][] sizes = {{1, 1}, {3, 3}, {8, 8}, {7, 5}, {13, 10}, {2, 9}};
        for (int[] s : sizes) {
            double[] x = new double[s[0] * s[1]];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(256);
            }
            double[] expected = ReferenceFmi.dct2(x, s[0], s[1]);
            double[] actual = Dct.dct2(x, s[0], s[1]);
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected[i], actual[i], 1e-9, "size " + s[0] + "x" + s[1] + " coefficient " + i);
            }
        }
        // DC of a constant image: sum / sqrt(H W)
        double[] flat = new double[12];
        java.util.Arrays.fill(flat, 2);
        assertEquals(24 / Math.sqrt(12), Dct.dct2(flat, 4, 3)[0], 1e-12);
    }

    /** Few grey levels, so that windows repeat values, go flat and sometimes equal each other. */
    private static GreyImage coarse(int w, int h, Random r) {
        double[] p = new double[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = 40 * r.nextInt(4);
        }
        return GreyImage.of(w, h, p);
    }
}
