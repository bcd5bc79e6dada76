package io.imagefusion.quality;

/**
 * EN and MI: Shannon entropies of 256-bin grey histograms, in bits (log2).
 *
 * <p>Pixels are binned by {@link GreyImage#grey(int)} (rounded, clamped to 0..255).
 */
public final class Histograms {
    private static final double LN2 = Math.log(2);

    private Histograms() {
    }

    /** EN: entropy of the image's 256-bin histogram, in bits. */
    public static double entropy(GreyImage image) {
        int[] hist = new int[256];
        for (int i = 0; i < image.size(); i++) {
            hist[image.grey(i)]++;
        }
        return entropyOfCounts(hist, image.size());
    }

    /** MI(A,F) + MI(B,F), in bits. */
    public static double fusionMutualInformation(GreyImage a, GreyImage b, GreyImage fused) {
        return mutualInformation(a, fused) + mutualInformation(b, fused);
    }

    /** MI(X,F) = H(X) + H(F) - H(X,F) from a 256 x 256 joint histogram, in bits. */
    public static double mutualInformation(GreyImage x, GreyImage f) {
        Checks.sameSize(x, f);
        int n = x.size();
        int[] joint = new int[256 * 256];
        int[] hx = new int[256];
        int[] hf = new int[256];
        for (int i = 0; i < n; i++) {
            int gx = x.grey(i);
            int gf = f.grey(i);
            hx[gx]++;
            hf[gf]++;
            joint[(gx << 8) | gf]++;
        }
        return entropyOfCounts(hx, n) + entropyOfCounts(hf, n) - entropyOfCounts(joint, n);
    }

    /** -sum p log2 p with p = count / total, written as log2(total) - sum(c log2 c) / total. */
    static double entropyOfCounts(int[] counts, int total) {
        double sum = 0;
        for (int c : counts) {
            if (c > 1) {
                sum += c * Math.log(c);
            }
        }
        double h = (Math.log(total) - sum / total) / LN2;
        // a single occupied bin is exactly 0; rounding must not turn it into -1e-16
        return h < 0 ? 0 : h;
    }
}
