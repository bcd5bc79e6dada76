package io.imagefusion.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/lib/apt.sh} (used by install-deps.sh) waits while another process holds apt's locks instead
 * of failing at once. The locks are taken the way dpkg and apt take them (POSIX record locks, which is what a
 * Java {@link FileLock} is on Linux) and released after {@link #HELD}; apt-get must then succeed.
 */
class AptLockTest {

    private static final Duration HELD = Duration.ofSeconds(4);

    @BeforeAll
    static void needsAptAsRoot() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get not installed");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "apt's locks need root");
    }

    @Test
    void waitsForDpkgsFrontendLock() throws Exception {
        // `apt-get check` takes the frontend lock like install does, and changes nothing
        Result result = whileLocked(Path.of("/var/lib/dpkg/lock-frontend"), "apt_get check");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.took()).isGreaterThanOrEqualTo(HELD.minusMillis(500));
    }

    @Test
    void waitsForThePackageListsLock(@TempDir Path lists) throws Exception {
        // `apt-get update` on a lists directory of its own and no sources: its lock, no network, real lists untouched
        Files.createDirectories(lists.resolve("partial"));
        Result result = whileLocked(lists.resolve("lock"), "apt_get -o Dir::State::Lists=" + lists
                + " -o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts=/nonexistent update");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("another process holds the package lock");
        assertThat(result.took()).isGreaterThanOrEqualTo(HELD.minusMillis(500));
    }

    private record Result(int exitCode, String output, Duration took) {
    }

    /** Runs {@code command} in bash with apt.sh sourced while {@code lock} is held for {@link #HELD}. */
    private static Result whileLocked(Path lock, String command) throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = channel.lock();
            long start = System.nanoTime();
            Process process = new ProcessBuilder(List.of("bash", "-c", ". scripts/lib/apt.sh && " + command))
                    .directory(RepositoryRoot.path().toFile()).redirectErrorStream(true).start();
            Thread.sleep(HELD.toMillis());
            assertThat(process.isAlive()).as("apt-get waits while the lock is held").isTrue();
            held.release();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
