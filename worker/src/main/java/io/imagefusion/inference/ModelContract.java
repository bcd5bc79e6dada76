package io.imagefusion.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contract JSON written by the model export beside the ONNX file.
 *
 * @param outputMapping how {@code fused_raw} becomes the image; optional in the JSON ({@link OutputMapping#MINMAX})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelContract(String name, String version, String onnx, List<TensorSpec> inputs,
        List<TensorSpec> outputs, int minSize, int maxSize, OutputMapping outputMapping) {

    public static final String FUSED = "fused";
    public static final String FUSED_RAW = "fused_raw";
    public static final String INFRARED = "ir";
    public static final String VISIBLE = "vis";

    public ModelContract {
        outputMapping = outputMapping == null ? OutputMapping.MINMAX : outputMapping;
    }

    public static ModelContract read(Path path) {
        try {
            return new ObjectMapper().readValue(Files.readAllBytes(path), ModelContract.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model contract " + path, e);
        }
    }

    /** The contract beside a model: {@code x.onnx} -> {@code x.json}. */
    public static Path besideModel(Path modelPath) {
        String file = modelPath.getFileName().toString();
        String base = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        return modelPath.resolveSibling(base + ".json");
    }
}
