package io.imagefusion.evaluation;

import io.imagefusion.quality.GreyImage;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Reads image files as grey 0..255 images.
 *
 * <p>Grey files keep their samples (16-bit ones are scaled to 0..255 and rounded). Colour and palette files
 * are compared on BT.601 luma, Y = round(0.299 R + 0.587 G + 0.114 B) with halves rounded up, from the 8-bit
 * sRGB values. Alpha is ignored.
 */
public final class ImageFiles {
    /** The extensions treated as images when scanning folders (compared case-insensitively). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff", "gif");

    private ImageFiles() {
    }

    public static boolean isImage(Path p) {
        String ext = extension(p);
        return Files.isRegularFile(p) && ext != null && EXTENSIONS.contains(ext);
    }

    /** Lower-case extension without the dot, or null. */
    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    public static GreyImage read(Path file) throws EvaluationException {
        if (!Files.isRegularFile(file)) {
            throw new EvaluationException("missing image file: " + file);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new EvaluationException("unreadable image " + file + ": " + e.getMessage());
        }
        if (image == null) {
            throw new EvaluationException("unreadable image " + file + ": no decoder for this format");
        }
        return toGrey(image);
    }

    /** Grey samples as they are; colour through BT.601 luma, rounded. */
    public static GreyImage toGrey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        double[] out = new double[w * h];
        if (cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel)) {
            // the raster, not getRGB: getRGB would push grey through a linear-to-sRGB conversion
            Raster raster = image.getRaster();
            int bits = cm.getComponentSize(0);
            double max = (1L << bits) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0);
                    out[y * w + x] = bits == 8 ? v : Math.floor(v * 255.0 / max + 0.5);
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int rgb = row[x];
                    out[y * w + x] = luma((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
                }
            }
        }
        return GreyImage.of(w, h, out);
    }

    /** BT.601 luma of 8-bit R, G, B, rounded half up to an integer. */
    public static int luma(int r, int g, int b) {
        // integer arithmetic so that exact halves round up rather than wherever binary rounding puts them
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }
}
