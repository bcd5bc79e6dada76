package io.imagefusion.testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

/**
 * The services as Testcontainers, used instead of local processes where a Docker engine answers. Only loaded
 * in that case, so a machine without Docker never initialises Testcontainers. Image tags can be overridden
 * with the system properties {@code fusion.services.kafka-image}, {@code ...postgres-image} and
 * {@code ...minio-image}.
 */
final class ContainerServiceStack implements ServiceStack {

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final MinIOContainer minio;
    private final ServiceEndpoints endpoints;

    private ContainerServiceStack(KafkaContainer kafka, PostgreSQLContainer postgres, MinIOContainer minio) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.minio = minio;
        this.endpoints = new ServiceEndpoints(kafka.getBootstrapServers(), postgres.getJdbcUrl(),
                postgres.getUsername(), postgres.getPassword(), minio.getS3URL(), minio.getUserName(),
                minio.getPassword(), "us-east-1", "testcontainers");
    }

    static ContainerServiceStack start() {
        // same major versions as the process stack: Kafka as managed by the Quarkus BOM, Debian 12's PostgreSQL
        KafkaContainer kafka = new KafkaContainer(image("kafka", "apache/kafka:4.2.1"));
        PostgreSQLContainer postgres = new PostgreSQLContainer(image("postgres", "postgres:15-alpine"))
                .withDatabaseName("fusion").withUsername("fusion").withPassword(UUID.randomUUID().toString());
        MinIOContainer minio = new MinIOContainer(image("minio", "minio/minio:RELEASE.2025-04-22T22-12-26Z"))
                .withUserName("fusion-" + UUID.randomUUID().toString().substring(0, 8))
                .withPassword(UUID.randomUUID().toString());
        List.of(kafka, postgres, minio).parallelStream().forEach(container -> container.start());
        ContainerServiceStack stack = new ContainerServiceStack(kafka, postgres, minio);
        stack.provision();
        return stack;
    }

    private static String image(String name, String defaultImage) {
        return System.getProperty("fusion.services." + name + "-image", defaultImage);
    }

    /** The same topics and buckets that scripts/services.sh creates. */
    private void provision() {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(ServiceEndpoints.REQUESTS_TOPIC, 4, (short) 1),
                    new NewTopic(ServiceEndpoints.RESULTS_TOPIC, 1, (short) 1),
                    new NewTopic(ServiceEndpoints.DEAD_LETTER_TOPIC, 1, (short) 1))).all().get();
            MinioClient client = endpoints.minioClient();
            for (String bucket : List.of(ServiceEndpoints.INPUT_BUCKET, ServiceEndpoints.OUTPUT_BUCKET)) {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot create the topics and buckets in the containers", e);
        }
    }

    @Override
    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void stop() {
        List.of(kafka, postgres, minio).forEach(container -> container.stop());
    }
}
