package io.imagefusion.e2e;

import io.imagefusion.testsupport.ServiceEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything published to one topic, read from the beginning by a plain consumer on a daemon thread. */
final class RecordLog {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();

    static RecordLog tail(ServiceEndpoints services, String topic) {
        RecordLog log = new RecordLog();
        Properties config = services.kafkaClientConfig();
        config.put("group.id", "e2e-" + topic + "-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(topic));
                while (true) {
                    consumer.poll(Duration.ofMillis(200)).forEach(log.records::add);
                }
            }
        }, "record-log-" + topic);
        thread.setDaemon(true);
        thread.start();
        return log;
    }

    List<ConsumerRecord<String, String>> withKey(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
