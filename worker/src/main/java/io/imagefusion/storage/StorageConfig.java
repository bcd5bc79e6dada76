package io.imagefusion.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Object store connection and access rules ({@code fusion.storage.*}). */
@ConfigMapping(prefix = "fusion.storage")
public interface StorageConfig {

    /** S3 endpoint URL, e.g. {@code http://127.0.0.1:9000}. */
    String endpoint();

    /** Access key; from configuration or the {@code FUSION_STORAGE_ACCESS_KEY} environment variable. */
    String accessKey();

    /** Secret key; from configuration or the {@code FUSION_STORAGE_SECRET_KEY} environment variable. Never logged. */
    String secretKey();

    /** Region used for request signing. */
    @WithDefault("us-east-1")
    String region();

    /** The only buckets the worker reads or writes. */
    @WithDefault("fusion-inputs,fusion-outputs")
    Set<String> allowedBuckets();

    /**
     * The only buckets outputs are written to; each must also be on {@code allowed-buckets}. Kept apart from
     * the input buckets so that a request cannot name a source object as its output.
     */
    @WithDefault("fusion-outputs")
    Set<String> outputBuckets();

    /**
     * Largest source object downloaded, in bytes (checked from the response head, before the body is read).
     * Both sources of every job in flight sit on the heap, so this is part of the memory budget: 64 MiB holds
     * any image within {@code fusion.jobs.max-pixels} (2048 x 2048 as 16-bit RGBA is 32 MiB uncompressed).
     */
    @WithDefault("67108864")
    long maxObjectBytes();

    /** TCP connect timeout towards the store. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Read/write timeout of one request. */
    @WithDefault("60s")
    Duration requestTimeout();
}
