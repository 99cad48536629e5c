package io.cairn.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing of the operator's target options, and the Kafka target's logic against Kafka's own mock producer
 * (no broker: what a real broker does with the records is not tested here).
 */
class NotificationTargetsTest {

    @TempDir
    Path dir;

    @Test
    void webhooksAndKafkaTopicsAreNamedByTheirArns() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "k3y\n");
        try (NotificationTargets t = NotificationTargets.parse(
                List.of("hook=http://127.0.0.1:8080/events,token=abc", "signed=https://example.com/x,hmac-secret-file="
                        + secret), List.of("stream=127.0.0.1:9092,127.0.0.1:9093/cairn-events"))) {
            assertThat(t.arns()).containsExactly("arn:cairn:sqs::hook:webhook", "arn:cairn:sqs::signed:webhook",
                    "arn:cairn:sqs::stream:kafka");
            assertThat(t.get("arn:cairn:sqs::stream:kafka").toString()).contains("cairn-events");
            assertThat(t.get("arn:cairn:sqs::signed:webhook").toString()).contains("HMAC");
        }
    }

    @Test
    void malformedOptionsAreRefusedAtStart() {
        assertThatThrownBy(() -> NotificationTargets.webhook("no-equals")).hasMessageContaining("--notify-webhook");
        assertThatThrownBy(() -> NotificationTargets.webhook("bad id=http://x/")).hasMessageContaining("ID");
        assertThatThrownBy(() -> NotificationTargets.webhook("a=ftp://x/")).hasMessageContaining("http");
        assertThatThrownBy(() -> NotificationTargets.webhook("a=http://x/,colour=red")).hasMessageContaining("colour");
        assertThatThrownBy(() -> NotificationTargets.webhook("a=http://x/,token=t,hmac-secret-file=" + dir))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> NotificationTargets.kafka("k=127.0.0.1:9092")).hasMessageContaining("TOPIC");
        assertThatThrownBy(() -> NotificationTargets.parse(List.of("a=http://x/", "a=http://y/"), List.of()))
                .hasMessageContaining("two notification targets");
    }

    @Test
    void kafkaRecordsAreKeyedByBucketAndKeyAndAcknowledgedOnlyWhenTheBrokerIs() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaTarget target = new KafkaTarget("stream", "events", Duration.ofSeconds(1), producer);
        assertThat(target.arn()).isEqualTo("arn:cairn:sqs::stream:kafka");
        target.deliver("photos/a/b.jpg", new byte[] {1, 2});
        target.deliver("photos/a/b.jpg", new byte[] {3});
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("events");
        assertThat(sent).extracting(ProducerRecord::key).containsOnly("photos/a/b.jpg");
        assertThat(sent.get(1).value()).containsExactly(3);

        MockProducer<String, byte[]> failing = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaTarget broken = new KafkaTarget("stream", "events", Duration.ofMillis(50), failing);
        Thread t = new Thread(() -> {
            while (!failing.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("isr"))) {
                Thread.onSpinWait();
            }
        });
        t.start();
        assertThatThrownBy(() -> broken.deliver("b/k", new byte[0])).isInstanceOf(ExecutionException.class);
        t.join();
    }

    @Test
    void theProducerIsDurableAndIdempotent() {
        Map<String, Object> c = KafkaTarget.producerConfig("h:9092", "x", Duration.ofSeconds(10));
        assertThat(c).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "h:9092");
        assertThat((Integer) c.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isLessThanOrEqualTo(5);
    }
}
