package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagefusion.testsupport.LocalServices;
import io.imagefusion.testsupport.RepositoryRoot;
import io.imagefusion.testsupport.ServiceEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the REST API of the packaged worker from its own OpenAPI document with schemathesis (installed by
 * {@code scripts/install-deps.sh} into {@code scripts/fuzz/.venv}), bounded in examples and time: no answer may
 * be a 5xx, and every answer must match the document (status codes, content types, headers, bodies). The
 * token has both roles and is minted by {@code scripts/mint-token.sh} with a key pair it made, so the script
 * and the worker's verification are exercised together. The worker reads and writes its own request topic,
 * so that nothing the fuzzer submits reaches another test's worker.
 */
class SchemaFuzzIT {

    private static final Path ROOT = RepositoryRoot.path();
    private static final Path SCHEMATHESIS = ROOT.resolve("scripts/fuzz/.venv/bin/schemathesis");
    /** The worker module's build directory (Failsafe runs in the module's directory), then fuzz/. */
    private static final Path OUT = Path.of(System.getProperty("fusion.worker.jar",
            "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().getParent().getParent().resolve("fuzz");
    private static final String ISSUER = "fusion-fuzz";
    /** Test cases per operation and phase, and the whole run's time budget: a bound, not a soak. */
    private static final String MAX_EXAMPLES = System.getProperty("fusion.fuzz.max-examples", "60");
    private static final String MAX_TIME_S = System.getProperty("fusion.fuzz.max-time", "240");

    @Test
    void noServerErrorAndEveryAnswerMatchesTheOpenApiDocument() throws Exception {
        assertThat(SCHEMATHESIS).as("schemathesis is missing: run scripts/install-deps.sh").isExecutable();
        ServiceEndpoints services = LocalServices.shared();
        Files.createDirectories(OUT);
        Path keys = OUT.resolve("jwt");
        run(List.of("bash", "scripts/mint-token.sh", "--new-key-pair", keys.toString()), OUT.resolve("keys.log"));
        String token = run(List.of("bash", "scripts/mint-token.sh", "--key", keys.resolve("jwt-private.pem").toString(),
                "--issuer", ISSUER, "--subject", "fuzzer", "--roles", "fusion-submit,fusion-read"),
                OUT.resolve("token.log")).strip();

        String topic = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        WorkerProcess worker = WorkerProcess.startWith(services, "fuzz", Map.of(
                "mp.jwt.verify.publickey.location", keys.resolve("jwt-public.pem").toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.messaging.incoming.fusion-requests.topic", topic,
                "mp.messaging.incoming.fusion-requests.group.id", topic,
                "mp.messaging.outgoing.fusion-requests-out.topic", topic));
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(worker::ready);
            Path log = OUT.resolve("schemathesis.log");
            Process fuzz = new ProcessBuilder(SCHEMATHESIS.toString(), "run", worker.url() + "/q/openapi",
                    "--header", "Authorization: Bearer " + token,
                    "--checks", "all",
                    // these two need a second identity or resources to delete; the API has neither
                    "--exclude-checks", "ignored_auth,use_after_free",
                    "--max-examples", MAX_EXAMPLES, "--max-time", MAX_TIME_S,
                    "--request-timeout", "30", "--seed", "14", "--workers", "1",
                    "--report", "junit", "--report-junit-path", OUT.resolve("schemathesis-junit.xml").toString(),
                    "--no-color")
                    // run in target/fuzz: schemathesis keeps a .schemathesis cache in its working directory
                    .directory(OUT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean ended = fuzz.waitFor(Long.parseLong(MAX_TIME_S) + 120, TimeUnit.SECONDS);
            if (!ended) {
                fuzz.destroyForcibly();
            }
            String report = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(report);
            assertThat(ended).as("schemathesis ran past its time budget").isTrue();
            assertThat(fuzz.exitValue()).as("schemathesis found failures, see " + log + ":\n" + report).isZero();
            assertThat(report).contains("No issues found");
        } finally {
            worker.stop(2, TimeUnit.MINUTES);
        }
    }

    private static String run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ", see " + log).isZero();
        return out;
    }
}
