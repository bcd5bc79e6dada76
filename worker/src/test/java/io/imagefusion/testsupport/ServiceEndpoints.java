package io.imagefusion.testsupport;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.minio.MinioClient;

/**
 * Where the real backing services of one test JVM answer, and how to reach them: as Quarkus configuration,
 * as the worker's environment variables, or through ready-made clients.
 *
 * @param provider says what provides them, e.g. "processes (minio)" or "testcontainers"
 */
public record ServiceEndpoints(
        String kafkaBootstrapServers,
        String jdbcUrl,
        String databaseUsername,
        String databasePassword,
        String storageEndpoint,
        String storageAccessKey,
        String storageSecretKey,
        String storageRegion,
        String provider) {

    public static final String REQUESTS_TOPIC = "fusion.requests";
    public static final String RESULTS_TOPIC = "fusion.results";
    public static final String DEAD_LETTER_TOPIC = "fusion.requests.dlq";
    public static final String INPUT_BUCKET = "fusion-inputs";
    public static final String OUTPUT_BUCKET = "fusion-outputs";

    private static final String PROVIDER_KEY = "FUSION_SERVICES_PROVIDER";

    /** Reads the {@code KEY=value} env file that {@code scripts/services.sh start} writes. */
    static ServiceEndpoints fromEnvFile(Path envFile, String provider) {
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(envFile)) {
            env.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services' env file " + envFile, e);
        }
        return fromEnvironment(env, provider, envFile.toString());
    }

    /** The endpoints as one string of env-file lines, to hand them across class loaders (see LocalServices). */
    String encode() {
        Properties env = new Properties();
        env.putAll(environment());
        env.setProperty(PROVIDER_KEY, provider);
        StringWriter out = new StringWriter();
        try {
            env.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static ServiceEndpoints decode(String encoded) {
        Properties env = new Properties();
        try {
            env.load(new StringReader(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromEnvironment(env, env.getProperty(PROVIDER_KEY, "unknown"), "the shared endpoints");
    }

    private static ServiceEndpoints fromEnvironment(Properties env, String provider, Object envFile) {
        return new ServiceEndpoints(
                required(env, "KAFKA_BOOTSTRAP_SERVERS", envFile),
                required(env, "QUARKUS_DATASOURCE_JDBC_URL", envFile),
                required(env, "QUARKUS_DATASOURCE_USERNAME", envFile),
                required(env, "QUARKUS_DATASOURCE_PASSWORD", envFile),
                required(env, "FUSION_STORAGE_ENDPOINT", envFile),
                required(env, "FUSION_STORAGE_ACCESS_KEY", envFile),
                required(env, "FUSION_STORAGE_SECRET_KEY", envFile),
                env.getProperty("FUSION_STORAGE_REGION", "us-east-1"),
                provider);
    }

    private static String required(Properties env, String key, Object envFile) {
        String value = env.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " missing in " + envFile);
        }
        return value;
    }

    /** The configuration keys the worker reads (see coordination contract), for a Quarkus test resource. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", databaseUsername);
        config.put("quarkus.datasource.password", databasePassword);
        config.put("fusion.storage.endpoint", storageEndpoint);
        config.put("fusion.storage.access-key", storageAccessKey);
        config.put("fusion.storage.secret-key", storageSecretKey);
        config.put("fusion.storage.region", storageRegion);
        // the services are real; Dev Services would otherwise look for Docker
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    /** The same settings as environment variables, for launching the packaged worker as a process. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", databaseUsername);
        env.put("QUARKUS_DATASOURCE_PASSWORD", databasePassword);
        env.put("FUSION_STORAGE_ENDPOINT", storageEndpoint);
        env.put("FUSION_STORAGE_ACCESS_KEY", storageAccessKey);
        env.put("FUSION_STORAGE_SECRET_KEY", storageSecretKey);
        env.put("FUSION_STORAGE_REGION", storageRegion);
        return env;
    }

    /** Properties for a plain Kafka client (producer, consumer or admin) talking to the broker. */
    public Properties kafkaClientConfig() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafkaBootstrapServers);
        return props;
    }

    public MinioClient minioClient() {
        return MinioClient.builder()
                .endpoint(storageEndpoint)
                .credentials(storageAccessKey, storageSecretKey)
                .region(storageRegion)
                .build();
    }

    public Connection openDatabaseConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, databaseUsername, databasePassword);
    }

    /** Everything but the secrets, for logs. */
    @Override
    public String toString() {
        return "ServiceEndpoints[" + provider + ": kafka=" + kafkaBootstrapServers + ", db=" + jdbcUrl
                + ", storage=" + storageEndpoint + "]";
    }
}
