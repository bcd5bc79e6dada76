package io.imagefusion.inference;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the model is loaded; reports which execution provider is active. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final FusionModel model;

    ModelReadinessCheck(FusionModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fusion-model").up()
                .withData("name", model.contract().name())
                .withData("version", model.contract().version())
                .withData("provider", model.activeProvider().name().toLowerCase())
                .build();
    }
}
