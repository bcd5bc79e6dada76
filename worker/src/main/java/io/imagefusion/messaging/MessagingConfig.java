package io.imagefusion.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Publishing ({@code fusion.messaging.*}). */
@ConfigMapping(prefix = "fusion.messaging")
public interface MessagingConfig {

    /** How long one publish waits for the broker before it counts as MESSAGING_UNAVAILABLE. */
    @WithDefault("30s")
    Duration publishTimeout();
}
