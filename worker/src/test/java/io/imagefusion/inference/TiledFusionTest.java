package io.imagefusion.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiling and blending, with a pixel-wise stand-in for the model so that the stitched image is known exactly. */
class TiledFusionTest {

    /** A "model" whose output at a pixel depends only on that pixel: tiling must not change it at all. */
    private static final TiledFusion.RawModel PIXELWISE = (ir, vis, height, width) -> {
        float[] out = new float[ir.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.7f * ir[i] + 0.3f * vis[i] - 0.1f;
        }
        return out;
    };

    @Test
    void pixelwiseModelGivesTheSameImageTiledAsInOnePass() throws Exception {
        int height = 700;
        int width = 1100;
        float[] ir = ramp(height, width, 1);
        float[] vis = ramp(height, width, 7);
        float[] tiled = new TiledFusion(256, 64, 64).run(PIXELWISE, ir, vis, height, width);
        float[] whole = PIXELWISE.run(ir, vis, height, width);
        for (int i = 0; i < whole.length; i++) {
            assertThat(tiled[i]).as("pixel %d", i).isCloseTo(whole[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void everyRunIsAtMostOneTileAndCoversTheImage() throws Exception {
        List<int[]> runs = new ArrayList<>();
        TiledFusion tiling = new TiledFusion(768, 64, 64);
        tiling.run((ir, vis, h, w) -> {
            runs.add(new int[] {h, w});
            return new float[h * w];
        }, new float[2048 * 2048], new float[2048 * 2048], 2048, 2048);
        assertThat(runs).hasSize(9).allSatisfy(r -> assertThat(Math.max(r[0], r[1])).isLessThanOrEqualTo(tiling.maxRunSide()));
        assertThat(tiling.maxRunSide()).isEqualTo(832);
        assertThat(tiling.fitsOneTile(832, 832)).isTrue();
        assertThat(tiling.fitsOneTile(833, 100)).isFalse();
    }

    @Test
    void anInterruptBetweenTilesStopsTheRun() {
        TiledFusion tiling = new TiledFusion(256, 64, 64);
        assertThatThrownBy(() -> tiling.run((ir, vis, h, w) -> {
            Thread.currentThread().interrupt();
            return new float[h * w];
        }, new float[600 * 600], new float[600 * 600], 600, 600)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void tileGeometryThatBreaksTheWindowsIsRefused() {
        assertThatThrownBy(() -> new TiledFusion(700, 64, 64)).hasMessageContaining("multiple of 256");
        assertThatThrownBy(() -> new TiledFusion(768, 16, 64)).hasMessageContaining("tile-overlap");
        assertThatThrownBy(() -> new TiledFusion(768, 60, 64)).hasMessageContaining("multiple of 8");
    }

    private static float[] ramp(int height, int width, int seed) {
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = (float) (0.5 + 0.5 * Math.sin((x * seed + y * 3) * 0.01));
            }
        }
        return values;
    }
}
