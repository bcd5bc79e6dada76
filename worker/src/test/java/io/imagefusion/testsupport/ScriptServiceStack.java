package io.imagefusion.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The services as local processes, started and stopped by {@code scripts/services.sh} so that tests and
 * humans share one implementation; this class only runs the script and reads the env file it writes.
 */
final class ScriptServiceStack implements ServiceStack {

    /** Long enough for a first start that has to build MinIO from source (about five minutes on 2 cores). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final Path stateDir;
    private final ServiceEndpoints endpoints;
    private final boolean owned;

    private ScriptServiceStack(Path script, Path stateDir, ServiceEndpoints endpoints, boolean owned) {
        this.script = script;
        this.stateDir = stateDir;
        this.endpoints = endpoints;
        this.owned = owned;
    }

    /** Starts a fresh stack in {@code stateDir}, first stopping whatever a killed earlier run left there. */
    static ScriptServiceStack start(Path script, Path stateDir) {
        run(script, stateDir, "stop", STOP_TIMEOUT);
        run(script, stateDir, "start", START_TIMEOUT);
        return new ScriptServiceStack(script, stateDir, read(stateDir), true);
    }

    /** Uses a stack someone already started (e.g. {@code scripts/services.sh start}); never stops it. */
    static ScriptServiceStack reuse(Path script, Path stateDir) {
        return new ScriptServiceStack(script, stateDir, read(stateDir), false);
    }

    private static ServiceEndpoints read(Path stateDir) {
        Path kindFile = stateDir.resolve("s3/kind");
        String kind;
        try {
            kind = Files.exists(kindFile) ? Files.readString(kindFile).strip() : "unknown object store";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServiceEndpoints.fromEnvFile(stateDir.resolve("env"), "processes (" + kind + ")");
    }

    @Override
    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void stop() {
        if (owned) {
            run(script, stateDir, "stop", STOP_TIMEOUT);
        }
    }

    /** {@code services.sh pause|resume SERVICE}: an outage of one service of a running stack. */
    static void outage(Path script, Path stateDir, String command, String service) {
        run(script, stateDir, command + " " + service, OUTAGE_TIMEOUT);
    }

    /** @param command a services.sh command and its arguments, separated by spaces */
    private static void run(Path script, Path stateDir, String command, Duration timeout) {
        Path log = stateDir.resolveSibling(stateDir.getFileName() + "-" + command.replace(' ', '-') + ".log");
        try {
            Files.createDirectories(stateDir);
            List<String> arguments = new ArrayList<>(List.of("bash", script.toString()));
            arguments.addAll(List.of(command.split(" ")));
            arguments.addAll(List.of("--dir", stateDir.toString()));
            ProcessBuilder builder = new ProcessBuilder(arguments)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // the script's own default must not redirect us to another stack
            builder.environment().remove("FUSION_SERVICES_DIR");
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("services.sh " + command + " did not finish in " + timeout
                        + "; log: " + log + "\n" + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("services.sh " + command + " failed with exit code "
                        + process.exitValue() + "; log: " + log + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running services.sh " + command, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
