package io.imagefusion.imaging;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;

/**
 * One band of a raster as ints, read straight from the data array when the raster is a plain byte or
 * unsigned-short component raster (what the PNG, JPEG, TIFF and BMP readers produce for grey and RGB), else
 * through {@link Raster#getSamples}, which gives the same values one virtual call per pixel.
 */
final class RasterSamples {

    private RasterSamples() {
    }

    static int[] band(Raster raster, int band) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] out = new int[w * h];
        DataBuffer buffer = raster.getDataBuffer();
        if (!(raster.getSampleModel() instanceof ComponentSampleModel model) || !isPlain(raster)
                || buffer.getNumBanks() != 1) {
            return raster.getSamples(0, 0, w, h, band, out);
        }
        int pixelStride = model.getPixelStride();
        int scanlineStride = model.getScanlineStride();
        int first = buffer.getOffset() + model.getBandOffsets()[band];
        if (buffer instanceof DataBufferByte bytes) {
            byte[] data = bytes.getData();
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0, at = first + y * scanlineStride; x < w; x++, at += pixelStride) {
                    out[i++] = data[at] & 0xff;
                }
            }
            return out;
        }
        if (buffer instanceof DataBufferUShort shorts) {
            short[] data = shorts.getData();
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0, at = first + y * scanlineStride; x < w; x++, at += pixelStride) {
                    out[i++] = data[at] & 0xffff;
                }
            }
            return out;
        }
        return raster.getSamples(0, 0, w, h, band, out);
    }

    /** Not a child raster: pixel (0, 0) is the data buffer's first element. */
    private static boolean isPlain(Raster raster) {
        return raster.getParent() == null && raster.getMinX() == 0 && raster.getMinY() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
    }
}
