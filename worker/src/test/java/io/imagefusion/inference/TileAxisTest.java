package io.imagefusion.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tile layout along one axis: window-aligned starts, overlap, no slivers, weights that sum to one. */
class TileAxisTest {

    @Test
    void anAxisThatFitsIsOneSpan() {
        assertThat(TileAxis.spans(832, 768, 64, 64)).containsExactly(new TileAxis.Span(0, 832, 0, 832));
    }

    @Test
    void tilesStartOnAttentionWindowsAndOverlapTheNextCore() {
        List<TileAxis.Span> spans = TileAxis.spans(2048, 768, 64, 64);
        assertThat(spans).extracting(TileAxis.Span::start).containsExactly(0, 768, 1536);
        assertThat(spans).extracting(TileAxis.Span::end).containsExactly(832, 1600, 2048);
        assertThat(spans).allSatisfy(s -> assertThat(s.start() % TiledFusion.ATTENTION_WINDOW).isZero());
    }

    @Test
    void aRestThinnerThanTheModelMinimumJoinsTheLastTile() {
        // 768 + 32 would leave [768, 820) = 52 px after the first core, below the minimum side of 64
        assertThat(TileAxis.spans(820, 768, 32, 64)).containsExactly(new TileAxis.Span(0, 820, 0, 820));
        // 72 px is enough for a tile of its own
        assertThat(TileAxis.spans(840, 768, 64, 64)).extracting(TileAxis.Span::length).containsExactly(832, 72);
    }

    @Test
    void weightsSumToOneEverywhereAndVanishAtSharedEdges() {
        for (int length : new int[] {900, 1600, 2048, 2047, 1350}) {
            List<TileAxis.Span> spans = TileAxis.spans(length, 512, 64, 64);
            for (int p = 0; p < length; p++) {
                double sum = 0;
                for (TileAxis.Span s : spans) {
                    if (p >= s.start() && p < s.end()) {
                        sum += s.weight(p);
                    }
                }
                assertThat(sum).as("length %d, pixel %d", length, p).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            }
            for (int i = 1; i < spans.size(); i++) {
                TileAxis.Span next = spans.get(i);
                TileAxis.Span previous = spans.get(i - 1);
                // each tile's edge pixel inside the image (where it saw padding) gets almost no weight
                assertThat(next.weight(next.start())).isLessThan(0.001f);
                assertThat(previous.weight(previous.end() - 1)).isLessThan(0.001f);
            }
        }
    }
}
