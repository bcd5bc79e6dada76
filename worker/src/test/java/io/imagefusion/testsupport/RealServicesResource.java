package io.imagefusion.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at real Kafka, PostgreSQL and S3 object store (see {@link LocalServices}):
 * {@code @QuarkusTestResource(value = RealServicesResource.class, restrictToAnnotatedClass = false)}.
 * The services are started once per JVM and shared by every test class; they contain the topics
 * {@code fusion.requests} (4 partitions), {@code fusion.results}, {@code fusion.requests.dlq} and the buckets
 * {@code fusion-inputs}, {@code fusion-outputs}. The worker under test loads the model the repository ships
 * (its default path is relative to the repository root; the tests run in the worker module's directory).
 * The worker verifies bearer tokens of {@link TestTokens}.
 */
public class RealServicesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(LocalServices.shared().quarkusConfig());
        config.put("fusion.inference.model-path", ShippedModel.ONNX.toString());
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        // Quarkus calls this whenever it restarts the application (e.g. for another test profile); the
        // services outlive that and are stopped once, when the JVM exits
    }
}
