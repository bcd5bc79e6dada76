package io.imagefusion.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;

/**
 * The real backing services for tests, started once per JVM on first use and stopped when the JVM exits.
 * Plain Java, so that tests without Quarkus (e.g. one that launches the packaged worker and kills it) reach the
 * same services as {@link RealServicesResource}.
 *
 * <p>How they are provided, chosen by {@code fusion.services.mode} (system property) or
 * {@code FUSION_SERVICES_MODE} (environment), default {@code auto}:
 * <ul>
 * <li>{@code process}: local processes started by {@code scripts/services.sh} with the state directory
 * {@code target/services} (or {@code fusion.services.dir});</li>
 * <li>{@code testcontainers}: containers, which need a running Docker engine;</li>
 * <li>{@code auto}: containers where a Docker engine answers, processes otherwise.</li>
 * </ul>
 * {@code fusion.services.reuse} / {@code FUSION_SERVICES_REUSE} naming a state directory (e.g. {@code .services}
 * of a stack started by hand) reuses that stack and leaves it running, which saves the start-up while iterating.
 */
public final class LocalServices {

    private static final Logger LOG = Logger.getLogger(LocalServices.class);

    /**
     * Quarkus loads test classes in its own class loader (a new one whenever a test profile restarts the
     * application), so this class and its statics can exist several times in one JVM. The running stack is
     * therefore recorded where every class loader sees it: a system property names a file (owner-only) with
     * the endpoints, so that no credential sits in the system properties, which test reports copy; a lock
     * object that is also JVM-wide guards it (string literals are interned once per JVM).
     */
    private static final String SHARED_PROPERTY = "fusion.services.shared-endpoints";
    private static final Object JVM_WIDE_LOCK = "io.imagefusion.testsupport.LocalServices#lock";
    /** The state directory of a stack of local processes (no secret), for {@link #outage}. */
    private static final String STATE_DIR_PROPERTY = "fusion.services.state-dir";

    private LocalServices() {
    }

    /** The endpoints of this JVM's services, starting them on the first call. */
    public static ServiceEndpoints shared() {
        synchronized (JVM_WIDE_LOCK) {
            String running = System.getProperty(SHARED_PROPERTY);
            if (running != null) {
                return ServiceEndpoints.decode(read(Path.of(running)));
            }
            long started = System.nanoTime();
            ServiceStack stack = create();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "stop-real-services"));
            System.setProperty(SHARED_PROPERTY, write(stack.endpoints().encode()).toString());
            LOG.infof("Real services ready in %d ms: %s", (System.nanoTime() - started) / 1_000_000,
                    stack.endpoints());
            return stack.endpoints();
        }
    }

    /**
     * Takes one service of the shared stack down until the returned handle is closed: {@code kafka} freezes
     * (nothing answers, connections stay open), {@code postgres} shuts down (connections refused). Only for a
     * stack of local processes; a test that needs it is skipped under Testcontainers.
     */
    public static Outage outage(String service) {
        shared();
        String stateDir = System.getProperty(STATE_DIR_PROPERTY);
        Assumptions.assumeTrue(stateDir != null, "outages need the services as local processes");
        Path dir = Path.of(stateDir);
        ScriptServiceStack.outage(script(), dir, "pause", service);
        LOG.infof("Outage of %s begins", service);
        return () -> {
            ScriptServiceStack.outage(script(), dir, "resume", service);
            LOG.infof("Outage of %s ends", service);
        };
    }

    /** An outage in progress; {@link #close()} ends it. */
    @FunctionalInterface
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    private static Path write(String endpoints) {
        try {
            Path file = Files.createTempFile("fusion-services-", ".env",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            return Files.writeString(file, endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the running services' endpoints", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the running services' endpoints from " + file, e);
        }
    }

    private static ServiceStack create() {
        String reuse = setting("fusion.services.reuse", "FUSION_SERVICES_REUSE", "");
        if (!reuse.isBlank()) {
            Path stateDir = Path.of(reuse).toAbsolutePath();
            System.setProperty(STATE_DIR_PROPERTY, stateDir.toString());
            return ScriptServiceStack.reuse(script(), stateDir);
        }
        String mode = setting("fusion.services.mode", "FUSION_SERVICES_MODE", "auto").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "process":
                return startProcesses();
            case "testcontainers":
                return ContainerServiceStack.start();
            case "auto":
                if (DockerEngine.isRunning()) {
                    LOG.info("A Docker engine answers: using Testcontainers for Kafka, PostgreSQL and MinIO");
                    return ContainerServiceStack.start();
                }
                LOG.info("No Docker engine: starting Kafka, PostgreSQL and the object store as local processes");
                return startProcesses();
            default:
                throw new IllegalArgumentException(
                        "fusion.services.mode must be auto, process or testcontainers, not " + mode);
        }
    }

    private static ServiceStack startProcesses() {
        Path script = script();
        Path stateDir = Path.of(setting("fusion.services.dir", "FUSION_TEST_SERVICES_DIR",
                RepositoryRoot.resolve("target/services").toString())).toAbsolutePath();
        ScriptServiceStack stack = ScriptServiceStack.start(script, stateDir);
        System.setProperty(STATE_DIR_PROPERTY, stateDir.toString());
        return stack;
    }

    /** {@code scripts/services.sh} of this repository. */
    static Path script() {
        return RepositoryRoot.resolve("scripts/services.sh");
    }

    private static String setting(String property, String envVar, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
