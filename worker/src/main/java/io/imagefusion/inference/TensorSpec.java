package io.imagefusion.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One input or output in the model's contract.
 *
 * @param shape fixed dimensions as numbers, dynamic ones as names such as {@code "H"}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TensorSpec(String name, String dtype, List<Object> shape) {
}
