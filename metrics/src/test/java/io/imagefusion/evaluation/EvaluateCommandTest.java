package io.imagefusion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void tnoLayoutWithTwoMethods() throws Exception {
        for (int i = 1; i <= 2; i++) {
            TestImages.grey(dir.resolve("src/ir/IR" + i + ".png"), 96, 88, i);
            TestImages.grey(dir.resolve("src/vis/VIS" + i + ".png"), 96, 88, 10 + i);
            TestImages.grey(dir.resolve("m1/fused_IR" + i + ".png"), 96, 88, 20 + i);
            TestImages.grey(dir.resolve("m2/IR" + i + ".png"), 96, 88, 30 + i);
        }
    }

    @Test
    void printsPerImageAndMeanTablesAndWritesCsv() throws Exception {
        Path csv = dir.resolve("out/result.csv");
        int rc = run("--layout", "tno", "--sources", dir.resolve("src").toString(), "--metrics", "SD,EN",
                "--csv", csv.toString(), "m1=" + dir.resolve("m1"), "m2=" + dir.resolve("m2"));
        assertEquals(0, rc, err());
        String md = out();
        assertTrue(md.contains("| method | pair | EN | SD |"), md);
        assertTrue(md.contains("| m1 | IR1 |") && md.contains("| m2 | IR2 |"), md);
        assertTrue(md.contains("Mean over 2 images"), md);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("method,pair,fused,EN,SD", lines.get(0));
        assertEquals(1 + 4 + 2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("m1,IR1," + dir.resolve("m1/fused_IR1.png") + ","), lines.get(1));
        assertTrue(lines.get(5).startsWith("m1,mean,,"), lines.get(5));
        // the mean row is the mean of the two image rows
        double en1 = Double.parseDouble(lines.get(1).split(",")[3]);
        double en2 = Double.parseDouble(lines.get(2).split(",")[3]);
        assertEquals((en1 + en2) / 2, Double.parseDouble(lines.get(5).split(",")[3]), 1e-6);
    }

    @Test
    void allTwelveMetricsByDefault() {
        int rc = run("--layout", "tno", "--sources", dir.resolve("src").toString(), "--means-only", "m1=" + dir.resolve("m1"));
        assertEquals(0, rc, err());
        assertTrue(out().contains("| method | EN | SD | SF | AG | MI | SCD | VIF | Qabf | Nabf | SSIM | FMI_pixel | FMI_dct |"),
                out());
        assertTrue(!out().contains("Per image"), out());
    }

    @Test
    void aMissingFusedImageStopsTheRunAndIsNamed() throws Exception {
        Files.delete(dir.resolve("m2/IR2.png"));
        int rc = run("--layout", "tno", "--sources", dir.resolve("src").toString(), "m1=" + dir.resolve("m1"),
                "m2=" + dir.resolve("m2"));
        assertEquals(1, rc);
        assertTrue(err().contains("missing fused image for pair IR2 of method m2") && err().contains(dir.resolve("m2").toString()),
                err());
        assertEquals("", out());
    }

    @Test
    void aSizeMismatchIsNamed() throws Exception {
        TestImages.grey(dir.resolve("m1/fused_IR2.png"), 90, 88, 1);
        int rc = run("--layout", "tno", "--sources", dir.resolve("src").toString(), "--metrics", "EN",
                "m1=" + dir.resolve("m1"));
        assertEquals(1, rc);
        assertTrue(err().contains("size mismatch") && err().contains("fused_IR2.png") && err().contains("90x88"), err());
    }

    @Test
    void anUnreadableFusedImageIsNamed() throws Exception {
        Files.writeString(dir.resolve("m1/fused_IR1.png"), "truncated");
        int rc = run("--layout", "tno", "--sources", dir.resolve("src").toString(), "--metrics", "EN",
                "m1=" + dir.resolve("m1"));
        assertEquals(1, rc);
        assertTrue(err().contains("unreadable image " + dir.resolve("m1/fused_IR1.png")), err());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("--layout", "tno", "--sources", "x", "--metrics", "PSNR", "m=x"));
        assertTrue(err().contains("unknown metric 'PSNR'"), err());
        assertEquals(2, run("--layout", "tno", "--sources", "x", "--metrics", "MEF-SSIM", "m=x"));
        assertTrue(err().contains("--exposure-stack"), err());
        assertEquals(2, run("--layout", "diagonal", "--sources", "x", "m=x"));
        assertEquals(2, run("--layout", "tno", "--sources", "x"));
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: evaluate"), out());
    }

    @Test
    void reproducesTheCrossFuseReferenceOnTheSharedData() {
        Path data = Path.of(System.getProperty("fusion.shared-data", "../shared/data"));
        assumeTrue(Files.isDirectory(data.resolve("ir-vis/tno21-fused/crossfuse")),
                "shared data not found at " + data.toAbsolutePath() + "; skipping");
        int rc = run("--layout", "tno", "--sources", data.resolve("ir-vis/tno21").toString(), "--metrics", "EN,SD",
                "--means-only", "crossfuse=" + data.resolve("ir-vis/tno21-fused/crossfuse"));
        assertEquals(0, rc, err());
        assertTrue(out().contains("| crossfuse | 6.8229 | 39.4203 |"), out());
    }

    @Test
    void findsTheSharedMedicalAndMultiFocusPairs() throws Exception {
        Path data = Path.of(System.getProperty("fusion.shared-data", "../shared/data"));
        assumeTrue(Files.isDirectory(data.resolve("medical/test")) && Files.isDirectory(data.resolve("multi-focus/input")),
                "shared data not found at " + data.toAbsolutePath() + "; skipping");
        assertEquals(21 + 42 + 73, SourceLayout.MEDICAL.discover(data.resolve("medical/test")).size());
        List<SourcePair> focus = SourceLayout.PAIRS.discover(data.resolve("multi-focus/input"));
        assertEquals(63, focus.size());
        FusedImages cnn = FusedImages.match(new MethodSpec("CNN", data.resolve("multi-focus/fused_images") + "/{pair}_CNN"), focus);
        assertTrue(cnn.of(focus.get(0)).getFileName().toString().endsWith("_CNN.jpg"));
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return EvaluateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
