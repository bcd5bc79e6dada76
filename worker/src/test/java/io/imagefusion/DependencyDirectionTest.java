package io.imagefusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the worker's data-flow layering (see package-info of each package): reads the imports of the worker
 * module's src/main/java and fails on an import that points the wrong way. The metrics module (quality,
 * evaluation) has its own check, LayeringTest.
 */
class DependencyDirectionTest {

    private static final Path SOURCES = Path.of("src/main/java/io/imagefusion");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> FRAMEWORKS = List.of("io.quarkus", "jakarta.", "org.eclipse.microprofile",
            "io.smallrye", "org.jboss", "org.hibernate", "io.micrometer", "io.minio", "org.apache.kafka",
            "com.fasterxml", "ai.onnxruntime");

    /** package -> import prefixes it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "imaging", concat(FRAMEWORKS, List.of("io.imagefusion.")),
            "storage", List.of("io.imagefusion.jobs", "io.imagefusion.messaging", "io.imagefusion.api",
                    "io.imagefusion.inference", "io.imagefusion.imaging"),
            "inference", List.of("io.imagefusion.jobs", "io.imagefusion.messaging", "io.imagefusion.api",
                    "io.imagefusion.storage", "io.imagefusion.imaging"),
            "jobs", List.of("io.imagefusion.messaging", "io.imagefusion.api"),
            "messaging", List.of("io.imagefusion.api", "io.imagefusion.storage", "io.imagefusion.imaging",
                    "io.imagefusion.inference"),
            "api", List.of("io.imagefusion.messaging", "io.imagefusion.storage", "io.imagefusion.imaging",
                    "io.imagefusion.inference"));

    @Test
    void importsPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = SOURCES.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        String imported = m.group(1);
                        boolean own = imported.startsWith("io.imagefusion." + rule.getKey() + ".");
                        if (!own && rule.getValue().stream().anyMatch(imported::startsWith)) {
                            violations.add(SOURCES.relativize(file) + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The worker may compute metrics (quality) but is not a command-line tool: evaluate runs from the metrics jar. */
    @Test
    void noPackageUsesTheEvaluateCommand() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> users = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(1).startsWith("io.imagefusion.evaluation.")) {
                        users.add(SOURCES.relativize(file) + " imports " + m.group(1));
                    }
                }
            }
            assertThat(users).isEmpty();
        }
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            assertThat(dirs.filter(Files::isDirectory).filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .map(Path::toString).toList()).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
