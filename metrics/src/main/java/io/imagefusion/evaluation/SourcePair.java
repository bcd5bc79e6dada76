package io.imagefusion.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * One pair of source images.
 *
 * @param id the name shown in tables ({@code IR1}, {@code MRI_CT/11}, {@code lytro_01})
 * @param a the first source (infrared, first modality, image A)
 * @param b the second source (visible, second modality, image B)
 * @param keys the file stems a fused image may end with to belong to this pair (see {@link FusedImages})
 * @param group a sub-folder of a method folder to look in first (the medical pair set), or null
 */
public record SourcePair(String id, Path a, Path b, List<String> keys, String group) {
    public SourcePair {
        keys = List.copyOf(keys);
    }
}
