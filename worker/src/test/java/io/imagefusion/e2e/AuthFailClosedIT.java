package io.imagefusion.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.testsupport.LocalServices;
import java.nio.file.Files;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged worker with authentication on (the default) and no key to verify tokens with refuses to start. */
class AuthFailClosedIT {

    @Test
    void withoutAPublicKeyTheWorkerExitsAndSaysWhatToSet() throws Exception {
        WorkerProcess worker = WorkerProcess.startWith(LocalServices.shared(), "no-key", Map.of());
        OptionalInt exit;
        try {
            exit = worker.exitCode(3, TimeUnit.MINUTES);
        } finally {
            worker.kill();
        }
        assertThat(exit).as("the worker must not keep running without a key").isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(Files.readString(WorkerProcess.log("no-key")))
                .contains("no public key verifies tokens (set mp.jwt.verify.publickey.location")
                .contains("fusion.auth.enabled=false");
    }
}
