package io.imagefusion.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * How one image axis is cut into tiles and how neighbouring tiles are blended along it.
 *
 * <p>Tile {@code i} starts at {@code i * core}: a multiple of the model's 256-pixel attention window, so that
 * every window of a tile's core is exactly a window of the whole-image run (the model partitions windows from
 * the top-left corner of its input). A tile reaches {@code overlap} pixels into the next tile's core; across
 * that strip the two are cross-faded with a raised cosine, which gives the edge of each tile (where its
 * convolutions saw padding instead of the neighbour's pixels) no weight and leaves no seam. Where the rest of
 * the axis after a core would be thinner than {@code minSide}, the tile takes it in instead of leaving a sliver
 * below the model's minimum input size.
 */
final class TileAxis {

    /** One tile's extent along the axis, {@code [start, end)}, and the strips it shares with its neighbours. */
    record Span(int start, int end, int fadeInEnd, int fadeOutStart) {

        int length() {
            return end - start;
        }

        /** Blend weight of this tile at {@code position} (in {@code [start, end)}): 0..1, summing to 1 over tiles. */
        float weight(int position) {
            if (position < fadeInEnd) {
                return rise(position - start, fadeInEnd - start);
            }
            if (position >= fadeOutStart) {
                return 1f - rise(position - fadeOutStart, end - fadeOutStart);
            }
            return 1f;
        }

        /** Raised cosine from ~0 to ~1 over {@code width} pixels, sampled at pixel centres. */
        private static float rise(int offset, int width) {
            return (float) (0.5 - 0.5 * Math.cos(Math.PI * (offset + 0.5) / width));
        }
    }

    private TileAxis() {
    }

    /**
     * The tiles along an axis of {@code length} pixels; one span {@code [0, length)} when it fits in one tile.
     *
     * @param core    step between tile starts, a multiple of the attention window
     * @param overlap pixels a tile reaches into the next one's core
     * @param minSide smallest tile the model accepts
     */
    static List<Span> spans(int length, int core, int overlap, int minSide) {
        List<int[]> bounds = new ArrayList<>();
        for (int start = 0; ; start += core) {
            int end = start + core + overlap;
            if (end >= length || length - (start + core) < minSide) {
                bounds.add(new int[] {start, length});
                break;
            }
            bounds.add(new int[] {start, end});
        }
        List<Span> spans = new ArrayList<>(bounds.size());
        for (int i = 0; i < bounds.size(); i++) {
            int start = bounds.get(i)[0];
            int end = bounds.get(i)[1];
            // a strip shared with the previous tile is [start, previous end); with the next, [next start, end)
            int fadeInEnd = i == 0 ? start : bounds.get(i - 1)[1];
            int fadeOutStart = i == bounds.size() - 1 ? end : bounds.get(i + 1)[0];
            spans.add(new Span(start, end, fadeInEnd, fadeOutStart));
        }
        return spans;
    }
}
