package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

/**
 * The Kafka notification target against a real broker: Apache Kafka 4.1 in KRaft mode (one process that is both
 * controller and broker, started from the test class path), a real {@code cairn server} with
 * {@code --notify-kafka}, and a consumer. Every event arrives as one record keyed by {@code bucket/key}, a key's
 * records in one partition and in sequencer order.
 */
class KafkaNotificationIT {

    private static final String TOPIC = "cairn-events";

    /** One KRaft broker in a process of its own, on 127.0.0.1. */
    static final class Broker implements AutoCloseable {
        final Path dir;
        final int port;
        private final Process process;

        Broker() throws Exception {
            dir = Files.createTempDirectory("cairn-kafka-it-");
            port = ProcessCluster.freePort();
            int controller = ProcessCluster.freePort();
            Path config = dir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + dir.resolve("logs"),
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") + "\n");
            Path log = dir.resolve("broker.log");
            Process format = java(List.of(kafka.tools.StorageTool.class.getName(), "format", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()), log);
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the broker's storage failed:\n" + Files.readString(log));
            }
            process = java(List.of(kafka.Kafka.class.getName(), config.toString()), log);
        }

        private static Process java(List<String> args, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
            command.addAll(args);
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        String bootstrap() {
            return "127.0.0.1:" + port;
        }

        /** Creates the topic once the broker answers (it takes a while to start on a loaded machine). */
        void createTopic(String topic, int partitions) throws Exception {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try (Admin admin = Admin.create(p)) {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                            .get(20, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not come up:\n"
                                + Files.readString(dir.resolve("broker.log")), e);
                    }
                    Thread.sleep(500);
                }
            }
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    @Test
    void eventsArriveAsRecordsKeyedByBucketAndKeyInPerKeyOrder() throws Exception {
        try (Broker broker = new Broker()) {
            broker.createTopic(TOPIC, 3);
            try (CrashServer server = new CrashServer(List.of("--heal-interval", "0", "--notify-kafka",
                    "stream=" + broker.bootstrap() + "/" + TOPIC), Map.of())) {
                server.start();
                try (S3Client s3 = server.client()) {
                    s3.createBucket(b -> b.bucket("streamed"));
                    s3.putBucketNotificationConfiguration(b -> b.bucket("streamed").notificationConfiguration(
                            NotificationConfiguration.builder().queueConfigurations(QueueConfiguration.builder()
                                    .id("all").queueArn("arn:cairn:sqs::stream:kafka")
                                    .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED).build()).build()));
                    for (int i = 0; i < 4; i++) {
                        for (String key : List.of("one", "two/2", "three")) {
                            String body = key + i;
                            s3.putObject(b -> b.bucket("streamed").key(key), RequestBody.fromString(body));
                        }
                    }
                    s3.deleteObject(b -> b.bucket("streamed").key("one"));
                }
                List<ConsumerRecord<String, byte[]>> records = consume(broker.bootstrap(), 13);
                Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new LinkedHashMap<>();
                records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
                assertThat(byKey.keySet()).containsExactlyInAnyOrder("streamed/one", "streamed/two/2", "streamed/three");
                ObjectMapper json = new ObjectMapper();
                for (List<ConsumerRecord<String, byte[]>> rs : byKey.values()) {
                    assertThat(rs).extracting(ConsumerRecord::partition).containsOnly(rs.get(0).partition());
                    List<String> sequencers = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> r : rs) {
                        JsonNode rec = json.readTree(r.value()).get("Records").get(0);
                        assertThat(rec.get("eventSource").asText()).isEqualTo("aws:s3");
                        assertThat(rec.get("s3").get("bucket").get("name").asText()).isEqualTo("streamed");
                        sequencers.add(rec.get("s3").get("object").get("sequencer").asText());
                    }
                    assertThat(sequencers).isSorted().doesNotHaveDuplicates();
                }
                JsonNode last = json.readTree(byKey.get("streamed/one").get(4).value()).get("Records").get(0);
                assertThat(last.get("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // nothing more may come
            long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).as("records of topic " + TOPIC).hasSize(expected);
        return out;
    }

}
