package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * quality is plain JDK and the bottom of its stack: no framework, no I/O, no other project package;
 * evaluation may use quality but nothing of the worker.
 */
class LayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void qualityImportsOnlyTheJdkWithoutIo() throws IOException {
        assertEquals(List.of(), violations("quality", "java.util.", "java.lang."));
    }

    @Test
    void evaluationImportsOnlyTheJdkAndQuality() throws IOException {
        assertEquals(List.of(), violations("evaluation", "java.", "javax.imageio.", "io.imagefusion.quality."));
    }

    private static List<String> violations(String pkg, String... allowed) throws IOException {
        Path dir = Path.of("src/main/java/io/imagefusion", pkg);
        assumeTrue(Files.isDirectory(dir), "sources not found at " + dir.toAbsolutePath());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    String src = Files.readString(p);
                    return IMPORT.matcher(src).results().map(m -> m.group(2))
                            .filter(imp -> !imp.startsWith("io.imagefusion." + pkg + "."))
                            .filter(imp -> Stream.of(allowed).noneMatch(imp::startsWith))
                            .map(imp -> p.getFileName() + " imports " + imp);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
