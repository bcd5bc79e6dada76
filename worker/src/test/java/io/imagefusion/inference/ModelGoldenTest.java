package io.imagefusion.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefusion.testsupport.ShippedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays the golden samples written by the Python export through ONNX Runtime Java: both languages agree. */
class ModelGoldenTest {

    private static final Path MODEL = ShippedModel.ONNX;
    private static final Path GOLDEN = ShippedModel.GOLDEN;
    private static final double TOLERANCE = 1e-3;

    private static FusionSession session;

    @BeforeAll
    static void open() throws Exception {
        session = FusionSession.open(MODEL, ModelContract.read(ModelContract.besideModel(MODEL)), Provider.CPU, 0, 0);
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    @Test
    void everyGoldenCaseMatchesWithinTolerance() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(GOLDEN.resolve("index.json").toFile()).get("cases");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode c : cases) {
            int h = c.get("height").asInt();
            int w = c.get("width").asInt();
            FusionOutput out = session.run(read(c, "ir", h * w), read(c, "vis", h * w), h, w);
            assertThat(maxAbsError(out.fused(), read(c, "fused", h * w)))
                    .as("fused, case %s", c.get("name").asText()).isLessThanOrEqualTo(TOLERANCE);
            assertThat(maxAbsError(out.fusedRaw(), read(c, "fused_raw", h * w)))
                    .as("fused_raw, case %s", c.get("name").asText()).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void contractNamesTheModelAndItsSizeRange() {
        assertThat(session.contract().name()).isEqualTo("crossfuse-ivf");
        assertThat(session.contract().version()).isEqualTo(ShippedModel.VERSION);
        assertThat(session.contract().minSize()).isEqualTo(64);
        assertThat(session.activeProvider()).isEqualTo(Provider.CPU);
    }

    private static float[] read(JsonNode c, String tensor, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(GOLDEN.resolve(c.get(tensor).asText())))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(count * Float.BYTES);
        float[] values = new float[count];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static double maxAbsError(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
