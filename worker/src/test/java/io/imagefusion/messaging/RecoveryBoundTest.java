package io.imagefusion.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefusion.jobs.JobsConfig;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RecoveryBoundTest {

    @Test
    void theShippedSettingsAreConsistent() throws IOException, NoSuchMethodException {
        Properties shipped = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        Duration session = Duration.ofMillis(Long.parseLong(
                shipped.getProperty("mp.messaging.incoming.fusion-requests.session.timeout.ms")));
        String takeover = JobsConfig.class.getMethod("takeoverAfter").getAnnotation(WithDefault.class).value();
        assertThat(RecoveryBound.problem(Duration.parse("PT" + takeover.toUpperCase()), session)).isEmpty();
    }

    @Test
    void aTakeoverLongerThanTheSessionIsReported() {
        assertThat(RecoveryBound.problem(Duration.ofSeconds(30), Duration.ofSeconds(15)))
                .hasValueSatisfying(message -> assertThat(message).contains("30000 ms").contains("15000 ms"));
    }
}
