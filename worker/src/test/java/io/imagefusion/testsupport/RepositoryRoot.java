package io.imagefusion.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, where {@code models/}, {@code samples/}, {@code schemas/} and {@code scripts/} are. Tests
 * run in the worker module's directory under Maven, elsewhere under an IDE, so the root is found by walking up
 * from the working directory to the nearest directory holding {@code .git} (a folder, or a file in a worktree).
 */
public final class RepositoryRoot {

    private static final Path ROOT = find();

    private RepositoryRoot() {
    }

    public static Path path() {
        return ROOT;
    }

    /** {@code relative} (e.g. {@code "schemas/fusion-result.v1.schema.json"}) under the repository root. */
    public static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory holding .git) above " + start);
    }
}
