import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the service's topics on a freshly started single-node broker, waiting for the broker to answer.
 * One JVM for all topics, so that starting the stack does not pay one JVM start per topic; scripts/services.sh
 * compiles it once into its cache.
 *
 * <p>Usage: {@code CreateTopics <bootstrap-servers> <topic>:<partitions>...}
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CreateTopics <bootstrap-servers> <topic>:<partitions>...");
            System.exit(2);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":", 2);
            topics.add(new NewTopic(spec[0], Integer.parseInt(spec[1]), (short) 1));
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            var results = admin.createTopics(topics).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get();
                    System.out.println("created topic " + entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    System.out.println("topic exists " + entry.getKey());
                }
            }
        }
    }
}
