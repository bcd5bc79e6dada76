package io.imagefusion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedImagesTest {
    @TempDir
    Path dir;

    @Test
    void aKeyMatchesTheWholeStemOrItsEndAfterASeparator() {
        assertTrue(FusedImages.matches("IR1", "IR1"));
        assertTrue(FusedImages.matches("results_transfuse_IR1", "IR1"));
        assertTrue(FusedImages.matches("fused_rfnnest_700_wir_6.0_wvi_3.0_IR1", "IR1"));
        assertTrue(FusedImages.matches("fused-ir1", "IR1"));
        assertFalse(FusedImages.matches("results_transfuse_IR11", "IR1"));
        assertFalse(FusedImages.matches("results_transfuse_IR1", "1"));
        assertTrue(FusedImages.matches("out_1", "1"));
        assertFalse(FusedImages.matches("out_11", "1"));
        assertFalse(FusedImages.matches("IR1_fused", "IR1"));
    }

    @Test
    void eachPairGetsExactlyItsFileAndStrayImagesAreListed() throws Exception {
        for (String name : List.of("results_transfuse_IR1.png", "results_transfuse_IR2.png", "results_transfuse_IR11.png",
                "notes.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        List<SourcePair> pairs = List.of(tno(1), tno(2));
        FusedImages images = FusedImages.match(new MethodSpec("m", dir.toString()), pairs);
        assertEquals(dir.resolve("results_transfuse_IR1.png"), images.of(pairs.get(0)));
        assertEquals(dir.resolve("results_transfuse_IR2.png"), images.of(pairs.get(1)));
        assertEquals(List.of(dir.resolve("results_transfuse_IR11.png")), images.unmatched());
    }

    @Test
    void aMissingOrAmbiguousFusedImageIsAnErrorNamingThePairAndFolder() throws Exception {
        Files.writeString(dir.resolve("a_IR1.png"), "x");
        Files.writeString(dir.resolve("b_IR1.jpg"), "x");
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> FusedImages.match(new MethodSpec("m", dir.toString()), List.of(tno(1), tno(2))));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("ambiguous") && e.problems().get(0).contains("b_IR1.jpg"), e.getMessage());
        assertTrue(e.problems().get(1).contains("IR2") && e.problems().get(1).contains(dir.toString()), e.getMessage());
    }

    @Test
    void aTemplateNamesTheFileWithOrWithoutExtension() throws Exception {
        Files.writeString(dir.resolve("lytro_01_CNN.jpg"), "x");
        Files.writeString(dir.resolve("lytro_01_SESF.jpg"), "x");
        SourcePair pair = new SourcePair("lytro_01", dir.resolve("a"), dir.resolve("b"), List.of("lytro_01"), null);
        assertEquals(dir.resolve("lytro_01_CNN.jpg"),
                FusedImages.match(new MethodSpec("CNN", dir + "/{pair}_CNN"), List.of(pair)).of(pair));
        assertEquals(dir.resolve("lytro_01_SESF.jpg"),
                FusedImages.match(new MethodSpec("SESF", dir + "/{pair}_SESF.jpg"), List.of(pair)).of(pair));
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> FusedImages.match(new MethodSpec("X", dir + "/{pair}_X.png"), List.of(pair)));
        assertTrue(e.getMessage().contains("lytro_01_X.png"), e.getMessage());
    }

    @Test
    void medicalPairsLookInTheirSetFolderFirst() throws Exception {
        Files.createDirectories(dir.resolve("MRI_CT"));
        Files.writeString(dir.resolve("MRI_CT/11.png"), "x");
        Files.writeString(dir.resolve("MRI_PET_11.png"), "x");
        SourcePair ct = new SourcePair("MRI_CT/11", dir, dir, List.of("MRI_CT_11"), "MRI_CT");
        SourcePair pet = new SourcePair("MRI_PET/11", dir, dir, List.of("MRI_PET_11"), "MRI_PET");
        FusedImages images = FusedImages.match(new MethodSpec("m", dir.toString()), List.of(ct, pet));
        assertEquals(dir.resolve("MRI_CT/11.png"), images.of(ct));
        assertEquals(dir.resolve("MRI_PET_11.png"), images.of(pet));
    }

    private SourcePair tno(int i) {
        return new SourcePair("IR" + i, dir.resolve("ir"), dir.resolve("vis"), List.of("IR" + i, "" + i), null);
    }
}
