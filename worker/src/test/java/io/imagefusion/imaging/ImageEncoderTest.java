package io.imagefusion.imaging;

import static io.imagefusion.imaging.TestImages.index;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    private static final ImageLimits LIMITS = new ImageLimits(64, 2048, 1_000_000);

    @Test
    void levelsRoundToNearestAndClamp() {
        assertThat(ImageEncoder.toLevel(0.5f)).isEqualTo(128);
        assertThat(ImageEncoder.toLevel(-0.2f)).isZero();
        assertThat(ImageEncoder.toLevel(1.7f)).isEqualTo(255);
        assertThat(ImageEncoder.toLevel(3f / 255f)).isEqualTo(3);
    }

    @Test
    void greyRoundTripsExactlyThroughPngAndTiff() throws IOException {
        Planes grey = ImageDecoder.decode(TestImages.write(TestImages.grey8Ramp(67, 93), "png"), LIMITS, "g");
        for (OutputFormat format : OutputFormat.values()) {
            byte[] bytes = ImageEncoder.encode(grey, format);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(back.getRaster().getSample(66, 92, 0)).isEqualTo((66 + 92) % 256);
            assertThat(ImageDecoder.decode(bytes, LIMITS, "g").luma()).containsExactly(grey.luma());
        }
    }

    @Test
    void colourKeepsChromaWithFusedLuma() throws IOException {
        Planes colour = ImageDecoder.decode(TestImages.write(TestImages.rgbGradient(64, 64), "png"), LIMITS, "c");
        BufferedImage same = ImageIO.read(new ByteArrayInputStream(ImageEncoder.encode(colour, OutputFormat.PNG)));
        assertThat(same.getRGB(40, 30) & 0xffffff).isEqualTo(40 << 16 | 30 << 8 | 100);

        // given a brighter fused luma, the hue stays (Cb, Cr unchanged) and every channel rises by the same amount
        float[] brighter = colour.luma().clone();
        brighter[index(40, 30, 64)] += 20f / 255f;
        BufferedImage fused = ImageIO.read(new ByteArrayInputStream(
                ImageEncoder.encode(colour.withLuma(brighter), OutputFormat.PNG)));
        assertThat(fused.getRGB(40, 30) & 0xffffff).isEqualTo(60 << 16 | 50 << 8 | 120);
    }

    @Test
    void colourRoundTripsToTheExpectedLevelsThroughPngAndTiff() throws IOException {
        // given colour planes with a fused luma that pushes some pixels out of range
        Planes colour = ImageDecoder.decode(TestImages.write(TestImages.rgbGradient(97, 70), "png"), LIMITS, "c");
        float[] fused = colour.luma().clone();
        for (int i = 0; i < fused.length; i += 3) {
            fused[i] = i % 2 == 0 ? 1.2f : -0.1f;
        }
        Planes out = colour.withLuma(fused);
        int[] expected = new int[fused.length];
        for (int i = 0; i < fused.length; i++) {
            float luma = fused[i] * 255f;
            expected[i] = ImageEncoder.clampLevel(Bt601.red(luma, out.cb()[i], out.cr()[i])) << 16
                    | ImageEncoder.clampLevel(Bt601.green(luma, out.cb()[i], out.cr()[i])) << 8
                    | ImageEncoder.clampLevel(Bt601.blue(luma, out.cb()[i], out.cr()[i]));
        }
        for (OutputFormat format : OutputFormat.values()) {
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(ImageEncoder.encode(out, format)));
            int[] rgb = back.getRGB(0, 0, 97, 70, null, 0, 97);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
            assertThat(rgb).as(format.name()).isEqualTo(expected);
        }
    }

    @Test
    void greyPngIsDeflatedEightBitGreyWithoutLoss() throws IOException {
        // given a 640x480 plane of every level, as the worker writes it
        float[] luma = new float[640 * 480];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (i * 7 % 256) / 255f;
        }
        byte[] png = ImageEncoder.encode(Planes.grey(640, 480, luma), OutputFormat.PNG);
        assertThat(png.length).isLessThan(luma.length);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(ImageDecoder.decode(png, LIMITS, "g").luma()).isEqualTo(luma);
    }
}
