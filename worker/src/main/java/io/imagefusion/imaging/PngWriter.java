package io.imagefusion.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit grey or RGB pixels as a non-interlaced PNG: the "Up" filter on every row and deflate at
 * {@link Deflater#BEST_SPEED}.
 *
 * <p>Why not ImageIO's PNG writer: it tries all five filters on every row and deflates at a middle level.
 * Measured on TNO pair 4 (640x480 grey): ImageIO's writer took 2 to 4 times as long as this fixed choice and
 * wrote a larger file (129 kB vs 114 kB for IR4); Up at level 1 is within 10 to 17 % of the smallest
 * file any single filter gives at level 6, in a sixth of the time. The service writes one image per job, so
 * encode time counts more than a few percent of size.
 */
final class PngWriter {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final int COLOUR_GREY = 0;
    static final int COLOUR_RGB = 2;
    private static final int FILTER_UP = 2;
    /** Deflated bytes per IDAT chunk; decoders accept any size, smaller chunks only add headers. */
    private static final int IDAT_CHUNK = 1 << 16;

    private PngWriter() {
    }

    /**
     * @param pixels   row-major samples, {@code channels} bytes per pixel (grey, or R, G, B)
     * @param channels 1 (grey) or 3 (RGB)
     */
    static byte[] write(byte[] pixels, int width, int height, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        }
        int stride = width * channels;
        if ((long) stride * height != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes for a " + width + "x" + height + "x" + channels
                    + " image");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length / 2 + 1024);
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8)                                                      // bit depth
                .put((byte) (channels == 1 ? COLOUR_GREY : COLOUR_RGB))
                .put((byte) 0).put((byte) 0).put((byte) 0)                          // deflate, adaptive filters, no interlace
                .array(), 13);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            Idat idat = new Idat(out, deflater);
            byte[] row = new byte[stride + 1];
            for (int y = 0; y < height; y++) {
                filterUp(pixels, y, stride, row);
                deflater.setInput(row);
                while (!deflater.needsInput()) {
                    idat.drain();
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.drain();
            }
            idat.flush();
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** Row {@code y} with its filter-type byte, each sample minus the one above it (modulo 256). */
    private static void filterUp(byte[] pixels, int y, int stride, byte[] row) {
        row[0] = FILTER_UP;
        int at = y * stride;
        if (y == 0) {
            System.arraycopy(pixels, 0, row, 1, stride);
            return;
        }
        int above = at - stride;
        for (int x = 0; x < stride; x++) {
            row[x + 1] = (byte) (pixels[at + x] - pixels[above + x]);
        }
    }

    /** Collects deflated bytes and writes them as IDAT chunks. */
    private static final class Idat {
        private final ByteArrayOutputStream out;
        private final Deflater deflater;
        private final byte[] buffer = new byte[IDAT_CHUNK];
        private int filled;

        Idat(ByteArrayOutputStream out, Deflater deflater) {
            this.out = out;
            this.deflater = deflater;
        }

        void drain() {
            filled += deflater.deflate(buffer, filled, buffer.length - filled);
            if (filled == buffer.length) {
                flush();
            }
        }

        void flush() {
            if (filled > 0) {
                chunk(out, "IDAT", buffer, filled);
                filled = 0;
            }
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(8).putInt(length).put(typeBytes).array());
        out.write(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
