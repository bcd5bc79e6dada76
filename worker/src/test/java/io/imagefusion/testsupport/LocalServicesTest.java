package io.imagefusion.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;

/**
 * The test harness itself: the services {@link LocalServices} starts answer with the topics and buckets the
 * worker relies on. Uses its own topic and object keys, so it cannot disturb a worker sharing the services.
 */
class LocalServicesTest {

    private final ServiceEndpoints services = LocalServices.shared();

    @Test
    void givenTheServices_whenAskedForTheirConfig_thenAllWorkerKeysArePresentAndDevServicesAreOff() {
        Map<String, String> config = services.quarkusConfig();

        assertThat(config).containsKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password", "fusion.storage.endpoint",
                "fusion.storage.access-key", "fusion.storage.secret-key");
        assertThat(config).containsEntry("quarkus.devservices.enabled", "false");
        assertThat(services.environment()).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                "FUSION_STORAGE_ENDPOINT");
        assertThat(services.toString()).doesNotContain(services.storageSecretKey(), services.databasePassword());
    }

    @Test
    void givenTheEndpoints_whenHandedToAnotherClassLoader_thenTheyDecodeToTheSameEndpoints() {
        assertThat(ServiceEndpoints.decode(services.encode())).isEqualTo(services);
    }

    @Test
    void givenTheObjectStore_whenAnObjectIsPut_thenItReadsBackFromTheSeededBucket() throws Exception {
        MinioClient client = services.minioClient();
        assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).build()))
                .isTrue();
        assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(ServiceEndpoints.OUTPUT_BUCKET).build()))
                .isTrue();
        String key = "harness-selftest/" + UUID.randomUUID() + ".txt";
        byte[] content = "fused pixels".getBytes(StandardCharsets.UTF_8);

        client.putObject(PutObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object(key)
                .stream(new ByteArrayInputStream(content), (long) content.length, -1L).build());

        try (var in = client.getObject(GetObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object(key)
                .build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        client.removeObject(RemoveObjectArgs.builder().bucket(ServiceEndpoints.INPUT_BUCKET).object(key).build());
    }

    @Test
    void givenTheBroker_whenTheWorkerTopicsAreDescribed_thenTheyExistWithTheirPartitions() throws Exception {
        try (Admin admin = Admin.create(services.kafkaClientConfig())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(ServiceEndpoints.REQUESTS_TOPIC,
                    ServiceEndpoints.RESULTS_TOPIC, ServiceEndpoints.DEAD_LETTER_TOPIC)).allTopicNames().get();

            assertThat(topics.get(ServiceEndpoints.REQUESTS_TOPIC).partitions()).hasSize(4);
            assertThat(topics).containsKeys(ServiceEndpoints.RESULTS_TOPIC, ServiceEndpoints.DEAD_LETTER_TOPIC);
        }
    }

    @Test
    void givenTheBroker_whenARecordIsProduced_thenAConsumerReceivesIt() throws Exception {
        String topic = "harness-selftest-" + UUID.randomUUID();
        Properties producerConfig = services.kafkaClientConfig();
        producerConfig.put("key.serializer", StringSerializer.class.getName());
        producerConfig.put("value.serializer", StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "job-1", "{\"jobId\":\"job-1\"}")).get();
        }

        Properties consumerConfig = services.kafkaClientConfig();
        consumerConfig.put("group.id", topic);
        consumerConfig.put("auto.offset.reset", "earliest");
        consumerConfig.put("key.deserializer", StringDeserializer.class.getName());
        consumerConfig.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("job-1");
            assertThat(record.value()).isEqualTo("{\"jobId\":\"job-1\"}");
        });
    }

    @Test
    void givenTheDatabase_whenQueriedWithTheWorkerCredentials_thenItAnswers() throws Exception {
        try (Connection connection = services.openDatabaseConnection();
                ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
