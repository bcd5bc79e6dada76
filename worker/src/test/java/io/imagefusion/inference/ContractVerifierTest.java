package io.imagefusion.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefusion.testsupport.ShippedModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given a contract that disagrees with the ONNX file, opening the model refuses to start. */
class ContractVerifierTest {

    private static final Path MODEL = ShippedModel.ONNX;

    @Test
    void wrongInputNameIsRefused() {
        ModelContract good = ModelContract.read(ModelContract.besideModel(MODEL));
        ModelContract renamed = new ModelContract(good.name(), good.version(), good.onnx(),
                List.of(new TensorSpec("infrared", "float32", List.of(1, 1, "H", "W")), good.inputs().get(1)),
                good.outputs(), good.minSize(), good.maxSize(), good.outputMapping());
        assertThatThrownBy(() -> FusionSession.open(MODEL, renamed, Provider.CPU, 0, 1))
                .isInstanceOf(ModelContractException.class).hasMessageContaining("input names");
    }

    @Test
    void wrongRankIsRefused() {
        ModelContract good = ModelContract.read(ModelContract.besideModel(MODEL));
        ModelContract rank3 = new ModelContract(good.name(), good.version(), good.onnx(), good.inputs(),
                List.of(good.outputs().get(0), new TensorSpec("fused_raw", "float32", List.of(1, "H", "W"))),
                good.minSize(), good.maxSize(), good.outputMapping());
        assertThatThrownBy(() -> FusionSession.open(MODEL, rank3, Provider.CPU, 0, 1))
                .isInstanceOf(ModelContractException.class).hasMessageContaining("rank");
    }
}
