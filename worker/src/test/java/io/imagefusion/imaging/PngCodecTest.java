package io.imagefusion.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PngWriter} output is a valid PNG that ImageIO reads back losslessly, and {@link PngReader} gives
 * exactly the samples ImageIO's reader gives, or declines the file.
 */
class PngCodecTest {

    @Test
    void greyWrittenPngReadsBackLosslesslyThroughImageIoAndPngReader() throws IOException {
        // given noise (so that the deflated data spans several IDAT chunks) and a ramp
        int w = 301;
        int h = 257;
        byte[] pixels = noise(w * h, 1);
        byte[] png = PngWriter.write(pixels, w, h, 1);
        assertThat(idatChunks(png)).isGreaterThan(1);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(samples(back.getRaster(), 0)).isEqualTo(unsigned(pixels));
        assertThat(samples(PngReader.read(png).getRaster(), 0)).isEqualTo(unsigned(pixels));
    }

    @Test
    void rgbWrittenPngReadsBackLosslessly() throws IOException {
        int w = 80;
        int h = 65;
        byte[] pixels = noise(3 * w * h, 2);
        byte[] png = PngWriter.write(pixels, w, h, 3);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = 3 * (y * w + x);
                int expected = (pixels[at] & 0xff) << 16 | (pixels[at + 1] & 0xff) << 8 | pixels[at + 2] & 0xff;
                assertThat(back.getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void everyFilterTypeIsReversedAsImageIoReversesIt() {
        // given a file whose rows cycle through filters None, Sub, Up, Average, Paeth, for 1 to 4 bytes per pixel
        for (int colourType : new int[] {0, 4, 2, 6}) {
            int channels = colourType == 0 ? 1 : colourType == 4 ? 2 : colourType == 2 ? 3 : 4;
            int w = 67;
            int h = 23;
            byte[] pixels = noise(w * h * channels, colourType);
            byte[] png = filteredPng(pixels, w, h, 8, colourType, channels);

            BufferedImage ours = PngReader.read(png);
            BufferedImage imageIo = imageIo(png);
            for (int band = 0; band < channels; band++) {
                int[] expected = new int[w * h];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = pixels[i * channels + band] & 0xff;
                }
                assertThat(samples(imageIo.getRaster(), band)).as("ImageIO, type %d band %d", colourType, band)
                        .isEqualTo(expected);
                assertThat(samples(ours.getRaster(), band)).as("PngReader, type %d band %d", colourType, band)
                        .isEqualTo(expected);
            }
            assertThat(ours.getColorModel().hasAlpha()).isEqualTo(imageIo.getColorModel().hasAlpha());
            assertThat(ours.getColorModel().getColorSpace().getType())
                    .isEqualTo(imageIo.getColorModel().getColorSpace().getType());
        }
    }

    @Test
    void sixteenBitGreyGivesImageIosSamples() {
        byte[] png = TestImages.write(TestImages.grey16Sequence(100, 90, 40_000), "png");
        BufferedImage ours = PngReader.read(png);
        assertThat(ours.getType()).isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
        assertThat(samples(ours.getRaster(), 0)).isEqualTo(samples(imageIo(png).getRaster(), 0));
        assertThat(ours.getRaster().getSample(99, 89, 0)).isEqualTo(40_000 + 100 * 90 - 1);
    }

    @Test
    void declinedFilesAreStillDecodedByImageIoWithTheSameResult() throws IOException {
        // palette, interlaced, ICC profile and corrupt CRC are ImageIO's to judge
        byte[] palette = TestImages.write(TestImages.paletteRedBlack(64, 64), "png");
        byte[] interlaced = interlaced(TestImages.grey8Ramp(64, 64));
        byte[] icc = withChunkAfterIhdr(TestImages.write(TestImages.grey8Ramp(64, 64), "png"), "iCCP",
                "p\0\0".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] png : new byte[][] {palette, interlaced, icc}) {
            assertThat(PngReader.read(png)).isNull();
        }
        ImageLimits limits = new ImageLimits(64, 2048, 1_000_000);
        assertThat(ImageDecoder.decode(interlaced, limits, "i").luma())
                .containsExactly(ImageDecoder.decode(TestImages.write(TestImages.grey8Ramp(64, 64), "png"), limits, "g").luma());

        byte[] badCrc = PngWriter.write(noise(64 * 64, 3), 64, 64, 1);
        badCrc[badCrc.length - 20] ^= 1; // inside the last IDAT
        assertThat(PngReader.read(badCrc)).isNull();
    }

    private static byte[] noise(int n, long seed) {
        byte[] bytes = new byte[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            // half noise, half ramp: realistic enough for every filter to matter
            bytes[i] = (byte) (i % 2 == 0 ? random.nextInt(256) : i / 7);
        }
        return bytes;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    private static int[] samples(Raster raster, int band) {
        return raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), band, (int[]) null);
    }

    private static BufferedImage imageIo(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int idatChunks(byte[] png) {
        int count = 0;
        for (int at = 8; at < png.length; at += 12 + ByteBuffer.wrap(png).getInt(at)) {
            count += new String(png, at + 4, 4, StandardCharsets.US_ASCII).equals("IDAT") ? 1 : 0;
        }
        return count;
    }

    private static byte[] interlaced(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG written by the specification's filter definitions, row y with filter type y mod 5. */
    private static byte[] filteredPng(byte[] pixels, int w, int h, int bitDepth, int colourType, int channels) {
        int bpp = channels * bitDepth / 8;
        int stride = w * bpp;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < h; y++) {
            int type = y % 5;
            raw.write(type);
            for (int x = 0; x < stride; x++) {
                int cur = pixels[y * stride + x] & 0xff;
                int a = x >= bpp ? pixels[y * stride + x - bpp] & 0xff : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] & 0xff : 0;
                int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] & 0xff : 0;
                int predictor = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    default -> {
                        int p = a + b - c;
                        int pa = Math.abs(p - a);
                        int pb = Math.abs(p - b);
                        int pc = Math.abs(p - c);
                        yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    }
                };
                raw.write((cur - predictor) & 0xff);
            }
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(6))) {
            out.write(raw.toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PngWriter.SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflated.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] withChunkAfterIhdr(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 8 + 25);
        chunk(out, type, data);
        out.write(png, 8 + 25, png.length - 8 - 25);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(8).putInt(data.length).put(typeBytes).array());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
