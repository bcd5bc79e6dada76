package io.imagefusion.testsupport;

import java.nio.file.Path;

/** The model file the repository ships, named once for every test that loads it (a version bump edits one line). */
public final class ShippedModel {

    public static final String VERSION = "1.4.0";
    public static final Path ONNX = RepositoryRoot.resolve("models/crossfuse-ivf-" + VERSION + ".onnx");
    public static final Path GOLDEN = RepositoryRoot.resolve("models/golden/crossfuse-ivf-" + VERSION);

    private ShippedModel() {
    }
}
