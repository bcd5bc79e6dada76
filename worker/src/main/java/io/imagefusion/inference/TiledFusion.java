package io.imagefusion.inference;

import ai.onnxruntime.OrtException;
import java.util.List;

/**
 * Runs the model tile by tile and blends the raw tiles into one raw image, so that a run never holds more
 * activations than one tile needs, whatever the image size (see {@link TileAxis} for the layout and blend).
 * Images that fit in one tile are not tiled: they keep the exact single-pass result.
 */
final class TiledFusion {

    /**
     * Side in image pixels of the model's attention windows (32 deep-feature cells at 1/8 resolution,
     * {@code models/crossfuse/model.py}); tile starts are multiples of it.
     */
    static final int ATTENTION_WINDOW = 256;
    /** Below this a cross-fade is too short to hide the tiles' edge effects. */
    static final int MIN_OVERLAP = 32;
    /** The model pads its input to a multiple of 8; 8-aligned tiles need no padding inside the image. */
    private static final int ALIGNMENT = 8;

    /** One model run on a tile: raw output, row-major {@code height * width}. */
    @FunctionalInterface
    interface RawModel {
        float[] run(float[] ir, float[] vis, int height, int width) throws OrtException;
    }

    private final int core;
    private final int overlap;
    private final int minSide;

    /**
     * @param core    step between tiles, a multiple of {@link #ATTENTION_WINDOW}
     * @param overlap pixels shared by neighbouring tiles, at least {@link #MIN_OVERLAP}, a multiple of 8
     * @param minSide the model's smallest input side
     */
    TiledFusion(int core, int overlap, int minSide) {
        if (core <= 0 || core % ATTENTION_WINDOW != 0) {
            throw new IllegalArgumentException("fusion.inference.tile-size must be a positive multiple of "
                    + ATTENTION_WINDOW + " (the model's attention window), got " + core);
        }
        if (overlap < MIN_OVERLAP || overlap % ALIGNMENT != 0 || overlap >= core) {
            throw new IllegalArgumentException("fusion.inference.tile-overlap must be a multiple of " + ALIGNMENT
                    + " from " + MIN_OVERLAP + " to below the tile size " + core + ", got " + overlap);
        }
        this.core = core;
        this.overlap = overlap;
        this.minSide = minSide;
    }

    /** True when the image is run in one pass. */
    boolean fitsOneTile(int height, int width) {
        return height <= core + overlap && width <= core + overlap;
    }

    /** The largest side a single run ever gets: what bounds a run's memory. */
    int maxRunSide() {
        return core + Math.max(overlap, minSide - 1);
    }

    /**
     * The blended raw output of all tiles.
     *
     * @throws InterruptedException when the thread is interrupted between tiles (the worker is stopping)
     */
    float[] run(RawModel model, float[] ir, float[] vis, int height, int width)
            throws OrtException, InterruptedException {
        List<TileAxis.Span> rows = TileAxis.spans(height, core, overlap, minSide);
        List<TileAxis.Span> cols = TileAxis.spans(width, core, overlap, minSide);
        float[] out = new float[height * width];
        for (TileAxis.Span row : rows) {
            for (TileAxis.Span col : cols) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted between tiles");
                }
                float[] raw = model.run(crop(ir, width, row, col), crop(vis, width, row, col), row.length(),
                        col.length());
                blend(out, width, raw, row, col);
            }
        }
        return out;
    }

    private static float[] crop(float[] image, int width, TileAxis.Span row, TileAxis.Span col) {
        int tileWidth = col.length();
        float[] tile = new float[row.length() * tileWidth];
        for (int y = 0; y < row.length(); y++) {
            System.arraycopy(image, (row.start() + y) * width + col.start(), tile, y * tileWidth, tileWidth);
        }
        return tile;
    }

    /** Adds the weighted tile; the weights of all tiles sum to 1 at every pixel, so {@code out} needs no division. */
    private static void blend(float[] out, int width, float[] tile, TileAxis.Span row, TileAxis.Span col) {
        int tileWidth = col.length();
        float[] colWeights = new float[tileWidth];
        for (int x = 0; x < tileWidth; x++) {
            colWeights[x] = col.weight(col.start() + x);
        }
        for (int y = 0; y < row.length(); y++) {
            float rowWeight = row.weight(row.start() + y);
            int target = (row.start() + y) * width + col.start();
            int source = y * tileWidth;
            for (int x = 0; x < tileWidth; x++) {
                out[target + x] += rowWeight * colWeights[x] * tile[source + x];
            }
        }
    }
}
