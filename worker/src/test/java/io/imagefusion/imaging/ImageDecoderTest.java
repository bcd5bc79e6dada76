package io.imagefusion.imaging;

import static io.imagefusion.imaging.TestImages.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private static final ImageLimits LIMITS = new ImageLimits(64, 2048, 1_000_000);

    @Test
    void grey8PngDecodesToLevelsOver255() {
        Planes planes = ImageDecoder.decode(TestImages.write(TestImages.grey8Ramp(70, 65), "png"), LIMITS, "ir");
        assertThat(planes.width()).isEqualTo(70);
        assertThat(planes.height()).isEqualTo(65);
        assertThat(planes.isColour()).isFalse();
        assertThat(planes.luma()[index(0, 0, 70)]).isEqualTo(0f);
        assertThat(planes.luma()[index(10, 3, 70)]).isEqualTo(13f / 255f);
        assertThat(planes.luma()[index(69, 64, 70)]).isEqualTo(133f / 255f);
    }

    @Test
    void grey8InEveryInputFormatGivesTheSamePixels() {
        BufferedImage ramp = TestImages.grey8Ramp(64, 64);
        float[] png = ImageDecoder.decode(TestImages.write(ramp, "png"), LIMITS, "a").luma();
        assertThat(ImageDecoder.decode(TestImages.write(ramp, "tiff"), LIMITS, "a").luma()).containsExactly(png);
        assertThat(ImageDecoder.decode(TestImages.write(ramp, "bmp"), LIMITS, "a").luma()).containsExactly(png);
        Planes jpeg = ImageDecoder.decode(TestImages.write(ramp, "jpeg"), LIMITS, "a");
        assertThat(jpeg.isColour()).isFalse();
        assertThat(jpeg.luma()[index(20, 20, 64)]).isCloseTo(png[index(20, 20, 64)], within(4f / 255f));
    }

    @Test
    void grey16PngUsesThePercentileWindow() {
        byte[] png = TestImages.write(TestImages.grey16Sequence(100, 100, 1000), "png");
        Planes planes = ImageDecoder.decode(png, LIMITS, "ir");
        // 10,000 distinct values: lo = base + 49, hi = base + 9949
        assertThat(planes.luma()[49]).isEqualTo(0f);
        assertThat(planes.luma()[9949]).isEqualTo(1f);
        assertThat(planes.luma()[4999]).isCloseTo(4950f / 9900f, within(1e-6f));
    }

    @Test
    void grey16TiffUsesThePercentileWindowToo() {
        byte[] tiff = TestImages.write(TestImages.grey16Sequence(100, 100, 0), "tiff");
        assertThat(ImageDecoder.decode(tiff, LIMITS, "ir").luma()[9949]).isEqualTo(1f);
    }

    @Test
    void rgbPngKeepsChromaAndGivesBt601Luma() {
        Planes planes = ImageDecoder.decode(TestImages.write(TestImages.rgbGradient(64, 80), "png"), LIMITS, "vis");
        assertThat(planes.isColour()).isTrue();
        int i = index(40, 70, 64);
        assertThat(planes.luma()[i] * 255f).isCloseTo(Bt601.luma(40, 70, 100), within(1e-3f));
        assertThat(planes.cb()[i]).isCloseTo(Bt601.cb(40, 70, 100), within(1e-3f));
        assertThat(planes.cr()[i]).isCloseTo(Bt601.cr(40, 70, 100), within(1e-3f));
    }

    @Test
    void rgbaIgnoresAlpha() {
        BufferedImage argb = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x10_FF_00_00);
        Planes planes = ImageDecoder.decode(TestImages.write(argb, "png"), LIMITS, "vis");
        assertThat(planes.luma()[index(1, 1, 64)] * 255f).isCloseTo(76.245f, within(1e-3f));
    }

    @Test
    void rgbFileWithEqualChannelsIsGrey() {
        BufferedImage rgb = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(5, 5, 0x7b7b7b);
        Planes planes = ImageDecoder.decode(TestImages.write(rgb, "png"), LIMITS, "vis");
        assertThat(planes.isColour()).isFalse();
        assertThat(planes.luma()[index(5, 5, 64)]).isEqualTo(123f / 255f);
    }

    @Test
    void paletteImageGoesThroughSrgb() {
        Planes planes = ImageDecoder.decode(TestImages.write(TestImages.paletteRedBlack(64, 64), "png"), LIMITS, "vis");
        assertThat(planes.isColour()).isTrue();
        assertThat(planes.luma()[index(0, 0, 64)]).isEqualTo(0f);
        assertThat(planes.cr()[index(63, 0, 64)]).isCloseTo(255.5f, within(1e-3f));
    }

    @Test
    void oversizedHeaderIsRefusedBeforeThePixelsAreRead() {
        // a PNG header announcing 100000 x 100000 and no pixel data: decoding would fail, probing must not
        byte[] header = pngHeaderOnly(100_000, 100_000);
        assertThat(ImageDecoder.probe(header, "ir").pixels()).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> ImageDecoder.decode(header, LIMITS, "ir"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.TOO_LARGE))
                .hasMessageContaining("100000x100000");
    }

    @Test
    void sideAboveModelMaximumIsTooLarge() {
        ImageLimits limits = new ImageLimits(64, 100, 1_000_000);
        assertThatThrownBy(() -> limits.check(new ImageHeader(101, 64, "png"), "vis"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.TOO_LARGE));
    }

    @Test
    void sideBelowModelMinimumIsTooSmall() {
        byte[] tiny = TestImages.write(TestImages.grey8Ramp(63, 64), "png");
        assertThatThrownBy(() -> ImageDecoder.decode(tiny, LIMITS, "ir"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.TOO_SMALL));
    }

    @Test
    void corruptBytesAreUndecodable() {
        byte[] png = TestImages.write(TestImages.grey8Ramp(64, 64), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> ImageDecoder.decode(truncated, LIMITS, "fusion-inputs/a.png"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.UNDECODABLE))
                .hasMessageContaining("fusion-inputs/a.png");
        assertThatThrownBy(() -> ImageDecoder.decode("not an image".getBytes(), LIMITS, "b"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.UNDECODABLE));
    }

    @Test
    void formatsOutsideTheContractAreUndecodable() {
        // ImageIO reads GIF and WBMP, but the contract accepts PNG, JPEG, TIFF and BMP only
        byte[] gif = TestImages.write(TestImages.grey8Ramp(64, 64), "gif");
        assertThatThrownBy(() -> ImageDecoder.probe(gif, "infrared fusion-inputs/a.gif"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.UNDECODABLE))
                .hasMessageContaining("fusion-inputs/a.gif is a GIF image; accepted are PNG, JPEG, TIFF and BMP");
        assertThatThrownBy(() -> ImageDecoder.decode(gif, LIMITS, "a"))
                .isInstanceOfSatisfying(ImagingException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImagingException.Reason.UNDECODABLE));
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes();
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }
}
