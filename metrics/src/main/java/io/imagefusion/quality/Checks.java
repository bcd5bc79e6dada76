package io.imagefusion.quality;

/** Argument checks shared by the metrics. */
final class Checks {
    private Checks() {
    }

    static void sameSize(GreyImage... images) {
        GreyImage first = images[0];
        for (GreyImage g : images) {
            if (!g.sameSize(first)) {
                throw new IllegalArgumentException("images differ in size: " + first.width() + "x" + first.height()
                        + " vs " + g.width() + "x" + g.height());
            }
        }
    }

    static void atLeast(int width, int height, int minSide, String metric) {
        if (width < minSide || height < minSide) {
            throw new IllegalArgumentException(metric + " needs images of at least " + minSide + "x" + minSide
                    + " pixels, got " + width + "x" + height);
        }
    }
}
