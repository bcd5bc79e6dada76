package io.imagefusion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLayoutTest {
    @TempDir
    Path dir;

    @Test
    void tnoPairsAreNumberedAndInNaturalOrder() throws Exception {
        for (int i : new int[] {10, 2, 1}) {
            touch("ir/IR" + i + ".png");
            touch("vis/VIS" + i + ".png");
        }
        List<SourcePair> pairs = SourceLayout.TNO.discover(dir);
        assertEquals(List.of("IR1", "IR2", "IR10"), pairs.stream().map(SourcePair::id).toList());
        assertEquals(dir.resolve("ir/IR2.png"), pairs.get(1).a());
        assertEquals(dir.resolve("vis/VIS2.png"), pairs.get(1).b());
    }

    @Test
    void aTnoImageWithoutItsPartnerIsNamed() throws Exception {
        touch("ir/IR1.png");
        touch("vis/VIS1.png");
        touch("ir/IR2.png");
        touch("vis/VIS3.png");
        EvaluationException e = assertThrows(EvaluationException.class, () -> SourceLayout.TNO.discover(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("VIS2") && e.getMessage().contains("IR2.png"), e.getMessage());
        assertTrue(e.getMessage().contains("IR3") && e.getMessage().contains("VIS3.png"), e.getMessage());
    }

    @Test
    void medicalSetsTakeTheirOrderFromTheSetName() throws Exception {
        touch("MRI_CT/MRI/11.png");
        touch("MRI_CT/CT/11.png");
        touch("MRI_CT/MRI/12.png");
        touch("MRI_CT/CT/12.png");
        touch("MRI_PET/MRI/3.png");
        touch("MRI_PET/PET/3.png");
        List<SourcePair> one = SourceLayout.MEDICAL.discover(dir.resolve("MRI_CT"));
        assertEquals(List.of("11", "12"), one.stream().map(SourcePair::id).toList());
        assertEquals(dir.resolve("MRI_CT/MRI/11.png"), one.get(0).a());
        assertEquals(dir.resolve("MRI_CT/CT/11.png"), one.get(0).b());
        List<SourcePair> all = SourceLayout.MEDICAL.discover(dir);
        assertEquals(List.of("MRI_CT/11", "MRI_CT/12", "MRI_PET/3"), all.stream().map(SourcePair::id).toList());
        assertEquals("MRI_PET", all.get(2).group());
    }

    @Test
    void aMissingModalityImageIsNamed() throws Exception {
        touch("MRI_CT/MRI/11.png");
        touch("MRI_CT/CT/11.png");
        touch("MRI_CT/MRI/12.png");
        touch("MRI_CT/CT/13.png");
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> SourceLayout.MEDICAL.discover(dir.resolve("MRI_CT")));
        assertTrue(e.getMessage().contains(dir.resolve("MRI_CT/CT/12.<ext>").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("MRI_CT/MRI/13.<ext>").toString()), e.getMessage());
    }

    @Test
    void pairFoldersNeedBothImagesWhateverTheirExtension() throws Exception {
        touch("lytro_01/lytro_01_A.jpg");
        touch("lytro_01/lytro_01_B.JPG");
        touch("Arno/Arno_A.png");
        List<SourcePair> pairs = assertThrowsThenFix();
        assertEquals(List.of("Arno", "lytro_01"), pairs.stream().map(SourcePair::id).toList());
        assertEquals(dir.resolve("lytro_01/lytro_01_B.JPG"), pairs.get(1).b());
    }

    @Test
    void pairNamesAreComparedIgnoringCaseAsInThePublicMultiExposureSet() throws Exception {
        touch("Lighthouse/Lighthouse_a.png");
        touch("Lighthouse/Lighthouse_B.png");
        touch("garage/Garage_A.jpg");
        touch("garage/Garage_B.jpg");
        List<SourcePair> pairs = SourceLayout.PAIRS.discover(dir);
        assertEquals(dir.resolve("Lighthouse/Lighthouse_a.png"), pairs.get(0).a());
        assertEquals(dir.resolve("garage/Garage_B.jpg"), pairs.get(1).b());
    }

    private List<SourcePair> assertThrowsThenFix() throws Exception {
        EvaluationException e = assertThrows(EvaluationException.class, () -> SourceLayout.PAIRS.discover(dir));
        assertTrue(e.getMessage().contains(dir.resolve("Arno/Arno_B.<ext>").toString()), e.getMessage());
        touch("Arno/Arno_B.png");
        return SourceLayout.PAIRS.discover(dir);
    }

    @Test
    void aMissingSourcesFolderIsNamed() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> SourceLayout.TNO.discover(dir.resolve("x")));
        assertTrue(e.getMessage().contains(dir.resolve("x/ir").toString()), e.getMessage());
    }

    private void touch(String rel) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }
}
