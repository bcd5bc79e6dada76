package io.imagefusion.imaging;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNGs the service meets most often straight into a {@link BufferedImage} with the samples and
 * colour model ImageIO's PNG reader would give: non-interlaced 8-bit grey, grey + alpha, RGB and RGBA, and
 * 16-bit grey, without an ICC profile. Like ImageIO's reader it applies no gamma and ignores tRNS for the
 * colour channels.
 *
 * <p>Everything else, and every file that is malformed in any way (bad CRC, truncated chunk or zlib
 * stream, unknown filter), is not decoded here ({@code null}) but left to ImageIO, which stays the one judge
 * of what is undecodable and says so the same way as before.
 *
 * <p>Why: on the project machine ImageIO's reader took 6 to 9 ms for a 640x480 grey PNG in a loop, and the
 * worker's decode stage 20 to 55 ms for a pair: with a job every few seconds, much of ImageIO's layered
 * code stays uncompiled for long. Inflating and unfiltering straight into the image's data array took 4 to
 * 6 ms in the loop, mostly zlib and the Paeth filter, in two loops the JIT compiles early.
 */
final class PngReader {

    private static final int IHDR_END = 8 + 8 + 13 + 4;

    private PngReader() {
    }

    /** The size from the IHDR chunk of a PNG this class decodes, or {@code null}. */
    static ImageHeader header(byte[] png) {
        Layout layout = Layout.of(png);
        return layout == null ? null : new ImageHeader(layout.width, layout.height, "png");
    }

    /** The image, or {@code null} when the file is not one this class decodes (ImageIO's case then). */
    static BufferedImage read(byte[] png) {
        Layout layout = Layout.of(png);
        if (layout == null) {
            return null;
        }
        byte[] idat = imageData(png);
        long rowBytes = (long) layout.width * layout.bytesPerPixel();
        long rawLength = (rowBytes + 1) * layout.height;
        if (idat == null || rawLength > Integer.MAX_VALUE - 16) {
            return null;
        }
        byte[] raw = new byte[(int) rawLength];
        if (!inflate(idat, raw) || !unfilter(raw, layout.height, (int) rowBytes, layout.bytesPerPixel())) {
            return null;
        }
        return layout.image(raw, (int) rowBytes);
    }

    /** IHDR fields of a supported PNG. */
    private record Layout(int width, int height, int bitDepth, int colourType) {

        static Layout of(byte[] png) {
            if (png.length < IHDR_END || !Arrays.equals(png, 0, 8, PngWriter.SIGNATURE, 0, 8)) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(png);
            if (buffer.getInt(8) != 13 || !isType(png, 12, "IHDR") || !crcMatches(png, 8, 13)) {
                return null;
            }
            int width = buffer.getInt(16);
            int height = buffer.getInt(20);
            int bitDepth = png[24];
            int colourType = png[25];
            boolean standard = png[26] == 0 && png[27] == 0 && png[28] == 0; // deflate, filter method 0, no interlace
            boolean supported = bitDepth == 8 && (colourType == 0 || colourType == 2 || colourType == 4 || colourType == 6)
                    || bitDepth == 16 && colourType == 0;
            return width > 0 && height > 0 && standard && supported ? new Layout(width, height, bitDepth, colourType) : null;
        }

        int channels() {
            return switch (colourType) {
                case 0 -> 1;
                case 4 -> 2;
                case 2 -> 3;
                default -> 4;
            };
        }

        int bytesPerPixel() {
            return channels() * bitDepth / 8;
        }

        BufferedImage image(byte[] raw, int rowBytes) {
            if (bitDepth == 16) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
                short[] samples = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
                for (int y = 0, i = 0; y < height; y++) {
                    for (int at = y * (rowBytes + 1) + 1, end = at + rowBytes; at < end; at += 2) {
                        samples[i++] = (short) ((raw[at] & 0xff) << 8 | raw[at + 1] & 0xff);
                    }
                }
                return image;
            }
            int channels = channels();
            int[] bandOffsets = new int[channels];
            Arrays.setAll(bandOffsets, b -> b);
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, rowBytes,
                    channels, bandOffsets, null);
            byte[] samples = ((DataBufferByte) raster.getDataBuffer()).getData();
            for (int y = 0; y < height; y++) {
                System.arraycopy(raw, y * (rowBytes + 1) + 1, samples, y * rowBytes, rowBytes);
            }
            boolean alpha = colourType == 4 || colourType == 6;
            ColorSpace space = ColorSpace.getInstance(colourType == 0 || colourType == 4 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
            ComponentColorModel model = new ComponentColorModel(space, alpha, false,
                    alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            return new BufferedImage(model, raster, false, null);
        }
    }

    /** The concatenated IDAT data of a well-formed chunk sequence without an ICC profile, or {@code null}. */
    private static byte[] imageData(byte[] png) {
        ByteBuffer buffer = ByteBuffer.wrap(png);
        byte[] data = new byte[0];
        int length = 0;
        for (int at = 8; ; ) {
            if (at > png.length - 12) {
                return null;
            }
            int size = buffer.getInt(at);
            if (size < 0 || size > png.length - at - 12 || !crcMatches(png, at, size)) {
                return null;
            }
            if (isType(png, at + 4, "iCCP")) {
                return null; // ImageIO may convert through the profile; keep its result
            }
            if (isType(png, at + 4, "IDAT")) {
                if (length + size > data.length) {
                    data = Arrays.copyOf(data, Math.max(length + size, 2 * data.length));
                }
                System.arraycopy(png, at + 8, data, length, size);
                length += size;
            }
            if (isType(png, at + 4, "IEND")) {
                return length == 0 ? null : Arrays.copyOf(data, length);
            }
            at += 12 + size;
        }
    }

    private static boolean inflate(byte[] compressed, byte[] raw) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            for (int filled = 0; filled < raw.length; ) {
                int n = inflater.inflate(raw, filled, raw.length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    return false;
                }
                filled += n;
            }
            return true;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }

    /**
     * Reverses the per-row filters in place (PNG specification, section 9); false on an unknown filter type.
     * The first row has no row above (taken as zeros), the first pixel of a row none to its left.
     */
    static boolean unfilter(byte[] raw, int height, int rowBytes, int bpp) {
        for (int y = 0; y < height; y++) {
            int at = y * (rowBytes + 1) + 1;
            int above = at - (rowBytes + 1);
            int type = raw[at - 1];
            if (y == 0 && type == 4) {
                type = 1; // Paeth with a zero row above predicts the left neighbour: Sub
            }
            switch (type) {
                case 0 -> {
                }
                case 1 -> {
                    for (int x = bpp; x < rowBytes; x++) {
                        raw[at + x] += raw[at + x - bpp];
                    }
                }
                case 2 -> {
                    if (y > 0) {
                        for (int x = 0; x < rowBytes; x++) {
                            raw[at + x] += raw[above + x];
                        }
                    }
                }
                case 3 -> {
                    for (int x = 0; x < bpp && y > 0; x++) {
                        raw[at + x] += (byte) ((raw[above + x] & 0xff) >>> 1);
                    }
                    for (int x = bpp; x < rowBytes; x++) {
                        int up = y > 0 ? raw[above + x] & 0xff : 0;
                        raw[at + x] += (byte) (((raw[at + x - bpp] & 0xff) + up) >>> 1);
                    }
                }
                case 4 -> {
                    for (int x = 0; x < bpp; x++) {
                        raw[at + x] += raw[above + x];
                    }
                    for (int x = bpp; x < rowBytes; x++) {
                        raw[at + x] += (byte) paeth(raw[at + x - bpp] & 0xff, raw[above + x] & 0xff,
                                raw[above + x - bpp] & 0xff);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The neighbour closest to left + up - upLeft, ties in the order left, up, upLeft. Branch-free: the choice
     * is data-dependent and unpredictable, and mispredicted branches made this loop three times slower.
     */
    private static int paeth(int left, int up, int upLeft) {
        int toLeft = Math.abs(up - upLeft);
        int toUp = Math.abs(left - upLeft);
        int toUpLeft = Math.abs(left + up - 2 * upLeft);
        int upLeftCloser = (toUpLeft - toUp) >> 31;                     // -1 when upLeft beats up
        int other = up ^ ((up ^ upLeft) & upLeftCloser);
        int otherDistance = toUp ^ ((toUp ^ toUpLeft) & upLeftCloser);
        int otherCloser = (otherDistance - toLeft) >> 31;               // -1 when it beats left
        return left ^ ((left ^ other) & otherCloser);
    }

    private static boolean isType(byte[] png, int at, String type) {
        return png[at] == type.charAt(0) && png[at + 1] == type.charAt(1) && png[at + 2] == type.charAt(2)
                && png[at + 3] == type.charAt(3);
    }

    /** @param at the chunk's length field; {@code size} its data length */
    private static boolean crcMatches(byte[] png, int at, int size) {
        CRC32 crc = new CRC32();
        crc.update(png, at + 4, 4 + size);
        return (int) crc.getValue() == ByteBuffer.wrap(png).getInt(at + 8 + size);
    }
}
