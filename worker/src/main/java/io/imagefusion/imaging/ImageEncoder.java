package io.imagefusion.imaging;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes {@link Planes} as an 8-bit PNG or TIFF: grey when the planes have no chroma, otherwise RGB from the
 * (fused) luma and the original Cb, Cr. Values are rounded to the nearest level and clamped. PNG is written by
 * {@link PngWriter}, TIFF (deflate-compressed) by ImageIO.
 */
public final class ImageEncoder {

    private ImageEncoder() {
    }

    public static byte[] encode(Planes planes, OutputFormat format) {
        int channels = planes.isColour() ? 3 : 1;
        byte[] samples = planes.isColour() ? rgb(planes) : grey(planes);
        if (format == OutputFormat.PNG) {
            return PngWriter.write(samples, planes.width(), planes.height(), channels);
        }
        return tiff(image(samples, planes.width(), planes.height(), channels));
    }

    /** 0..1 to the nearest of 256 levels. */
    public static int toLevel(float unit) {
        return clampLevel(unit * 255f);
    }

    static int clampLevel(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    private static byte[] grey(Planes planes) {
        float[] luma = planes.luma();
        byte[] levels = new byte[luma.length];
        for (int i = 0; i < luma.length; i++) {
            levels[i] = (byte) toLevel(luma[i]);
        }
        return levels;
    }

    /** Interleaved R, G, B. */
    private static byte[] rgb(Planes planes) {
        float[] luma = planes.luma();
        float[] cbs = planes.cb();
        float[] crs = planes.cr();
        byte[] samples = new byte[3 * luma.length];
        for (int i = 0, at = 0; i < luma.length; i++) {
            float y = luma[i] * 255f;
            float cb = cbs[i];
            float cr = crs[i];
            samples[at++] = (byte) clampLevel(Bt601.red(y, cb, cr));
            samples[at++] = (byte) clampLevel(Bt601.green(y, cb, cr));
            samples[at++] = (byte) clampLevel(Bt601.blue(y, cb, cr));
        }
        return samples;
    }

    /** Wraps the samples without copying: an interleaved byte raster with a grey or sRGB colour model. */
    private static BufferedImage image(byte[] samples, int width, int height, int channels) {
        int[] bandOffsets = channels == 1 ? new int[] {0} : new int[] {0, 1, 2};
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(samples, samples.length), width, height,
                width * channels, channels, bandOffsets, null);
        ColorSpace space = ColorSpace.getInstance(channels == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    private static byte[] tiff(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(OutputFormat.TIFF.imageIoName()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // in memory: ImageIO.createImageOutputStream would buffer through a temporary file
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            // uncompressed TIFF is the default and is 3x larger for no benefit
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to an in-memory stream failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
