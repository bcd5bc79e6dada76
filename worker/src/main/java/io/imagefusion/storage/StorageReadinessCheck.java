package io.imagefusion.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the object store answers. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    private final ObjectStore store;

    StorageReadinessCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.checkReachable();
            return HealthCheckResponse.up("object-store");
        } catch (StorageException e) {
            return HealthCheckResponse.named("object-store").down().withData("reason", e.getMessage()).build();
        }
    }
}
