package io.imagefusion.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import io.imagefusion.testsupport.ShippedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's output mapping: min-max with a flat-output guard, or clamp; read from the contract JSON. */
class OutputMappingTest {

    @Test
    void minmaxStretchesTheRawRangeToZeroToOne() {
        assertThat(OutputMapping.MINMAX.apply(new float[] {0.25f, 0.75f, 1.25f})).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void minmaxOfANearlyFlatOutputClampsInsteadOfStretchingNoise() {
        float[] flat = {0.5f, 0.5004f, 0.5008f};
        assertThat(OutputMapping.MINMAX.apply(flat)).containsExactly(flat);
        assertThat(OutputMapping.MINMAX.apply(new float[] {1.3f, 1.3005f})).containsExactly(1f, 1f);
    }

    @Test
    void clampKeepsValuesInsideZeroToOne() {
        assertThat(OutputMapping.CLAMP.apply(new float[] {-0.2f, 0.3f, 1.4f})).containsExactly(0f, 0.3f, 1f);
    }

    @Test
    void contractWithoutTheFieldMeansMinmaxAndTheFieldIsRead(@TempDir Path dir) throws Exception {
        // the shipped model (1.4.0) names its mapping; a contract without the field (1.0.0-1.2.0) means minmax
        assertThat(ModelContract.read(ModelContract.besideModel(ShippedModel.ONNX))
                .outputMapping()).isEqualTo(OutputMapping.CLAMP);
        assertThat(contractWith(dir, null).outputMapping()).isEqualTo(OutputMapping.MINMAX);
        assertThat(contractWith(dir, "\"clamp\"").outputMapping()).isEqualTo(OutputMapping.CLAMP);
        assertThat(contractWith(dir, "\"minmax\"").outputMapping()).isEqualTo(OutputMapping.MINMAX);
        assertThatThrownBy(() -> contractWith(dir, "\"gamma\"")).hasStackTraceContaining("unknown outputMapping");
    }

    private static ModelContract contractWith(Path dir, String mapping) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                ModelContract.besideModel(ShippedModel.ONNX).toFile());
        if (mapping == null) {
            node.remove("outputMapping");
        } else {
            node.set("outputMapping", json.readTree(mapping));
        }
        Path file = dir.resolve("contract.json");
        Files.writeString(file, json.writeValueAsString(node));
        return ModelContract.read(file);
    }
}
