package io.imagefusion.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.imagefusion.testsupport.RepositoryRoot;
import io.imagefusion.testsupport.ServiceEndpoints;
import io.imagefusion.testsupport.TestTokens;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps schemas/asyncapi.yaml and docker-compose.yml in step with the worker: the channels are the topics the
 * worker is configured with, message payloads are the JSON Schemas it validates against (and the examples
 * pass them), and every environment key the compose file gives the worker is one of its configuration keys.
 */
class AsyncApiContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SCHEMAS = RepositoryRoot.resolve("schemas");
    private static final Map<String, String> SCHEMA_OF_CHANNEL = Map.of(
            ServiceEndpoints.REQUESTS_TOPIC, "./fusion-request.v1.schema.json",
            ServiceEndpoints.RESULTS_TOPIC, "./fusion-result.v1.schema.json",
            // a dead letter is the request record as it was consumed
            ServiceEndpoints.DEAD_LETTER_TOPIC, "./fusion-request.v1.schema.json");

    private static JsonNode asyncApi;
    private static JsonNode compose;
    private static Properties shipped;

    @BeforeAll
    static void read() throws IOException {
        asyncApi = YAML.readTree(SCHEMAS.resolve("asyncapi.yaml").toFile());
        compose = YAML.readTree(RepositoryRoot.resolve("docker-compose.yml").toFile());
        shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(RepositoryRoot.resolve("worker/src/main/resources/application.properties"))) {
            shipped.load(reader);
        }
    }

    @Test
    void channelsAreTheTopicsTheWorkerIsConfiguredWith() {
        assertThat(channelAddresses()).containsExactlyInAnyOrderElementsOf(SCHEMA_OF_CHANNEL.keySet());
        assertThat(shipped.getProperty("mp.messaging.incoming.fusion-requests.topic")).isEqualTo(ServiceEndpoints.REQUESTS_TOPIC);
        assertThat(shipped.getProperty("mp.messaging.outgoing.fusion-requests-out.topic")).isEqualTo(ServiceEndpoints.REQUESTS_TOPIC);
        assertThat(shipped.getProperty("mp.messaging.outgoing.fusion-results.topic")).isEqualTo(ServiceEndpoints.RESULTS_TOPIC);
        assertThat(shipped.getProperty("mp.messaging.incoming.fusion-requests.dead-letter-queue.topic"))
                .isEqualTo(ServiceEndpoints.DEAD_LETTER_TOPIC);
    }

    @Test
    void eachChannelsMessagesCarryItsSchemaFileAndTheirExamplesPassIt() throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> channels = asyncApi.path("channels").fields(); channels.hasNext();) {
            JsonNode channel = channels.next().getValue();
            String address = channel.path("address").asText();
            assertThat(channel.path("messages").size()).as(address).isPositive();
            for (JsonNode reference : channel.path("messages")) {
                JsonNode message = resolve(reference);
                JsonNode payload = message.path("payload");
                assertThat(payload.path("schemaFormat").asText()).startsWith("application/schema+json");
                String file = payload.path("schema").path("$ref").asText();
                assertThat(file).as("payload of a message on " + address).isEqualTo(SCHEMA_OF_CHANNEL.get(address));
                Path schemaFile = SCHEMAS.resolve(file);
                assertThat(schemaFile).isRegularFile();
                JsonNode schema = new ObjectMapper().readTree(schemaFile.toFile());
                assertThat(schema.path("$id").asText()).endsWith("/" + schemaFile.getFileName());
                var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
                for (JsonNode example : message.path("examples")) {
                    assertThat(validator.validate(example.path("payload"))).as(example.path("name").asText()).isEmpty();
                }
            }
        }
    }

    @Test
    void operationsNameExistingChannelsAndTheirMessages() {
        assertThat(asyncApi.path("operations").size()).isEqualTo(4);
        for (JsonNode operation : asyncApi.path("operations")) {
            JsonNode channel = resolve(operation.path("channel"));
            assertThat(channel.path("address").asText()).isIn(SCHEMA_OF_CHANNEL.keySet());
            for (JsonNode message : operation.path("messages")) {
                assertThat(resolve(message).path("payload").isMissingNode()).isFalse();
            }
        }
    }

    @Test
    void composeCreatesTheChannelsTopicsAndTheWorkersBuckets() {
        String topics = compose.path("services").path("kafka-topics").path("command").toString();
        assertThat(channelAddresses()).allSatisfy(topic -> assertThat(topics).contains(topic + ":"));
        String buckets = compose.path("services").path("minio-buckets").path("command").toString();
        assertThat(buckets).contains("local/" + ServiceEndpoints.INPUT_BUCKET, "local/" + ServiceEndpoints.OUTPUT_BUCKET);
    }

    @Test
    void composeGivesTheWorkerOnlyRealConfigurationKeys() throws Exception {
        Set<String> known = knownEnvironmentKeys();
        Set<String> given = new TreeSet<>();
        compose.path("services").path("worker").path("environment").fieldNames().forEachRemaining(given::add);
        assertThat(given).contains("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL", "FUSION_STORAGE_ENDPOINT",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER");
        assertThat(given).allSatisfy(key -> assertThat(known).as("configuration keys of the worker").contains(key));
    }

    /**
     * The worker's own keys (its {@code @ConfigMapping} interfaces and application.properties), and the framework
     * keys that the tests already start the packaged worker with (the services' endpoints and the token settings),
     * each in the environment-variable form of MicroProfile Config.
     */
    private static Set<String> knownEnvironmentKeys() throws Exception {
        Set<String> properties = new HashSet<>();
        shipped.stringPropertyNames().forEach(key -> properties.add(key.replaceFirst("^%[^.]+\\.", "")));
        for (Class<?> config : configMappings()) {
            collect(config.getAnnotation(ConfigMapping.class).prefix(), config, properties);
        }
        properties.addAll(TestTokens.workerSettings().keySet());
        Set<String> known = new HashSet<>(new ServiceEndpoints("k", "j", "u", "p", "s", "a", "x", "r", "test")
                .environment().keySet());
        properties.forEach(key -> known.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
        return known;
    }

    private static List<Class<?>> configMappings() throws IOException, ClassNotFoundException {
        Path sources = RepositoryRoot.resolve("worker/src/main/java");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        Map<String, Class<?>> found = new HashMap<>();
        for (Path file : files) {
            if (Files.readString(file).contains("@ConfigMapping(")) {
                String name = sources.relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "");
                found.put(name, Class.forName(name));
            }
        }
        assertThat(found).as("@ConfigMapping interfaces of the worker").hasSizeGreaterThanOrEqualTo(5);
        return List.copyOf(found.values());
    }

    private static void collect(String prefix, Class<?> mapping, Set<String> into) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault()) {
                continue;
            }
            String key = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == mapping) {
                collect(key, type, into);
            } else {
                into.add(key);
            }
        }
    }

    private static Set<String> channelAddresses() {
        Set<String> addresses = new TreeSet<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        return addresses;
    }

    /** Follows a local {@code $ref} ({@code #/a/b/c}) within the AsyncAPI document, as many times as it takes. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref") && current.path("$ref").asText().startsWith("#/")) {
            current = asyncApi.at(current.path("$ref").asText().substring(1));
            assertThat(current.isMissingNode()).as("a $ref of schemas/asyncapi.yaml points nowhere").isFalse();
        }
        return current;
    }
}
