package io.imagefusion.imaging;

/**
 * Bounds an image must respect before its pixels are decoded.
 *
 * @param minSide   smallest accepted width or height (the model's minimum)
 * @param maxSide   largest accepted width or height (the model's maximum)
 * @param maxPixels largest accepted width x height, which bounds decode memory
 */
public record ImageLimits(int minSide, int maxSide, long maxPixels) {

    /** Throws {@link ImagingException} when the header's size is outside the limits. */
    public void check(ImageHeader header, String what) {
        if (header.pixels() > maxPixels) {
            throw new ImagingException(ImagingException.Reason.TOO_LARGE,
                    what + " is " + header.width() + "x" + header.height() + " = " + header.pixels()
                            + " pixels, above the limit of " + maxPixels);
        }
        if (header.width() > maxSide || header.height() > maxSide) {
            throw new ImagingException(ImagingException.Reason.TOO_LARGE,
                    what + " is " + header.width() + "x" + header.height() + ", above the maximum side of " + maxSide);
        }
        if (header.width() < minSide || header.height() < minSide) {
            throw new ImagingException(ImagingException.Reason.TOO_SMALL,
                    what + " is " + header.width() + "x" + header.height() + ", below the minimum side of " + minSide);
        }
    }
}
