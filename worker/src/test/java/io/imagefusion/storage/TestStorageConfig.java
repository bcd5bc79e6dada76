package io.imagefusion.storage;

import io.imagefusion.testsupport.ServiceEndpoints;
import java.time.Duration;
import java.util.Set;

/** A {@link StorageConfig} with the shipped defaults, for tests that build a {@link MinioObjectStore} themselves. */
record TestStorageConfig(String endpoint, String accessKey, String secretKey, String region,
        Set<String> allowedBuckets, Set<String> outputBuckets, long maxObjectBytes, Duration connectTimeout,
        Duration requestTimeout) implements StorageConfig {

    static TestStorageConfig of(String endpoint, String accessKey, String secretKey, long maxObjectBytes) {
        return new TestStorageConfig(endpoint, accessKey, secretKey, "us-east-1",
                Set.of(ServiceEndpoints.INPUT_BUCKET, ServiceEndpoints.OUTPUT_BUCKET),
                Set.of(ServiceEndpoints.OUTPUT_BUCKET), maxObjectBytes, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** The real object store of the shared test services. */
    static TestStorageConfig of(ServiceEndpoints services, long maxObjectBytes) {
        return of(services.storageEndpoint(), services.storageAccessKey(), services.storageSecretKey(), maxObjectBytes);
    }
}
