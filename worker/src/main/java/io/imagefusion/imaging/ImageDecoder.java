package io.imagefusion.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG, TIFF and BMP into {@link Planes}; any other format ImageIO reads (GIF, WBMP) is refused
 * as undecodable.
 *
 * <ul>
 *   <li>grey, 1..8 bit: sample / (2^bits - 1);</li>
 *   <li>grey, 16 bit: {@link PercentileWindow};</li>
 *   <li>RGB (8 or 16 bit per channel, alpha ignored): BT.601 Y/255, with Cb, Cr kept; an RGB file whose
 *       channels are equal everywhere is treated as grey;</li>
 *   <li>palette, packed and other colour models: through {@code getRGB} (sRGB), then as RGB.</li>
 * </ul>
 * Only the first image of a multi-page file is read. Common PNGs are decoded by {@link PngReader}, the rest
 * (and every PNG it declines) by ImageIO; both give the same samples.
 */
public final class ImageDecoder {

    /** ImageIO's format names of the formats the service accepts. */
    private static final Set<String> ACCEPTED_FORMATS = Set.of("png", "jpeg", "tif", "tiff", "bmp");

    private ImageDecoder() {
    }

    /** Reads the size from the header only. */
    public static ImageHeader probe(byte[] bytes, String what) {
        ImageHeader png = PngReader.header(bytes);
        return png != null ? png : withReader(bytes, what, reader -> header(reader));
    }

    /** Checks the header against {@code limits}, then decodes the pixels. */
    public static Planes decode(byte[] bytes, ImageLimits limits, String what) {
        ImageHeader png = PngReader.header(bytes);
        if (png != null) {
            limits.check(png, what);
            BufferedImage image = PngReader.read(bytes);
            if (image != null) {
                return toPlanes(image);
            }
        }
        return withReader(bytes, what, reader -> {
            limits.check(header(reader), what);
            return toPlanes(reader.read(0));
        });
    }

    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static ImageHeader header(ImageReader reader) throws IOException {
        return new ImageHeader(reader.getWidth(0), reader.getHeight(0), reader.getFormatName());
    }

    private static <T> T withReader(byte[] bytes, String what, ReaderWork<T> work) {
        // in memory: ImageIO.createImageInputStream would first copy the bytes to a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImagingException(ImagingException.Reason.UNDECODABLE,
                        what + " is not a PNG, JPEG, TIFF or BMP image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_FORMATS.contains(format)) {
                    // ImageIO also reads GIF and WBMP, which the request contract does not list
                    throw new ImagingException(ImagingException.Reason.UNDECODABLE,
                            what + " is a " + format.toUpperCase(Locale.ROOT) + " image; accepted are PNG, JPEG, TIFF and BMP");
                }
                reader.setInput(in, true, true);
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (ImagingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO signals truncated or corrupt data with IOException and, for some codecs, runtime exceptions
            throw new ImagingException(ImagingException.Reason.UNDECODABLE,
                    what + " could not be decoded: " + e.getClass().getSimpleName(), e);
        }
    }

    static Planes toPlanes(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return grey(raster, cm.getComponentSize(0));
        }
        if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3) {
            return rgbSamples(raster, cm.getComponentSize(0));
        }
        return argb(image);
    }

    private static Planes grey(Raster raster, int bits) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] samples = RasterSamples.band(raster, 0);
        if (bits == 16) {
            return Planes.grey(w, h, PercentileWindow.map(samples));
        }
        float max = (1 << bits) - 1;
        float[] luma = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            luma[i] = samples[i] / max;
        }
        return Planes.grey(w, h, luma);
    }

    private static Planes rgbSamples(Raster raster, int bits) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        // 16-bit colour is not thermal data: a linear rescale to the 8-bit scale keeps its appearance
        float toByte = 255f / ((1 << bits) - 1);
        float[] r = scaled(RasterSamples.band(raster, 0), toByte);
        float[] g = scaled(RasterSamples.band(raster, 1), toByte);
        float[] b = scaled(RasterSamples.band(raster, 2), toByte);
        return fromRgb(w, h, r, g, b);
    }

    private static Planes argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] packed = image.getRGB(0, 0, w, h, null, 0, w);
        float[] r = new float[packed.length];
        float[] g = new float[packed.length];
        float[] b = new float[packed.length];
        for (int i = 0; i < packed.length; i++) {
            r[i] = (packed[i] >> 16) & 0xff;
            g[i] = (packed[i] >> 8) & 0xff;
            b[i] = packed[i] & 0xff;
        }
        return fromRgb(w, h, r, g, b);
    }

    private static float[] scaled(int[] samples, float factor) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] * factor;
        }
        return out;
    }

    /** @param r, g, b on the 0..255 scale */
    static Planes fromRgb(int w, int h, float[] r, float[] g, float[] b) {
        int n = r.length;
        float[] luma = new float[n];
        boolean grey = true;
        for (int i = 0; i < n; i++) {
            luma[i] = Bt601.luma(r[i], g[i], b[i]) / 255f;
            grey &= r[i] == g[i] && g[i] == b[i];
        }
        if (grey) {
            // exact: avoids the luma weights' rounding drifting a grey value by a fraction of a level
            for (int i = 0; i < n; i++) {
                luma[i] = r[i] / 255f;
            }
            return Planes.grey(w, h, luma);
        }
        float[] cb = new float[n];
        float[] cr = new float[n];
        for (int i = 0; i < n; i++) {
            cb[i] = Bt601.cb(r[i], g[i], b[i]);
            cr[i] = Bt601.cr(r[i], g[i], b[i]);
        }
        return new Planes(w, h, luma, cb, cr);
    }
}
