package io.imagefusion.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes {@link Planes} as an 8-bit PNG or TIFF: grey when the planes have no chroma, otherwise RGB from the
 * (fused) luma and the original Cb, Cr. Values are rounded to the nearest level and clamped.
 */
public final class ImageEncoder {

    private ImageEncoder() {
    }

    public static byte[] encode(Planes planes, OutputFormat format) {
        BufferedImage image = planes.isColour() ? rgb(planes) : grey(planes);
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == OutputFormat.TIFF) {
                // uncompressed TIFF is the default and is 3x larger for no benefit
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to an in-memory stream failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** 0..1 to the nearest of 256 levels. */
    public static int toLevel(float unit) {
        return clampLevel(unit * 255f);
    }

    static int clampLevel(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    private static BufferedImage grey(Planes planes) {
        BufferedImage image = new BufferedImage(planes.width(), planes.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        float[] luma = planes.luma();
        int[] levels = new int[luma.length];
        for (int i = 0; i < luma.length; i++) {
            levels[i] = toLevel(luma[i]);
        }
        raster.setSamples(0, 0, planes.width(), planes.height(), 0, levels);
        return image;
    }

    private static BufferedImage rgb(Planes planes) {
        BufferedImage image = new BufferedImage(planes.width(), planes.height(), BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        int n = planes.luma().length;
        int[] r = new int[n];
        int[] g = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            float y = planes.luma()[i] * 255f;
            float cb = planes.cb()[i];
            float cr = planes.cr()[i];
            r[i] = clampLevel(Bt601.red(y, cb, cr));
            g[i] = clampLevel(Bt601.green(y, cb, cr));
            b[i] = clampLevel(Bt601.blue(y, cb, cr));
        }
        raster.setSamples(0, 0, planes.width(), planes.height(), 0, r);
        raster.setSamples(0, 0, planes.width(), planes.height(), 1, g);
        raster.setSamples(0, 0, planes.width(), planes.height(), 2, b);
        return image;
    }
}
