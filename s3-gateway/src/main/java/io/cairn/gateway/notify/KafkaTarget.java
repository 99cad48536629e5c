package io.cairn.gateway.notify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An Apache Kafka topic: each event is one record keyed by {@code bucket/key}, so one key's events land in one
 * partition, in order. The producer is idempotent with {@code acks=all}: an event is acknowledged once every
 * in-sync replica has it, and the producer's own retries never duplicate or reorder it within a partition.
 */
final class KafkaTarget implements NotificationTarget {

    private final String arn;
    private final String topic;
    private final Duration timeout;
    private final Producer<String, byte[]> producer;

    KafkaTarget(String id, String bootstrap, String topic, Duration timeout) {
        this(id, topic, timeout, new KafkaProducer<>(producerConfig(bootstrap, id, timeout), new StringSerializer(),
                new ByteArraySerializer()));
    }

    /** Over a given producer (tests: a mock producer). */
    KafkaTarget(String id, String topic, Duration timeout, Producer<String, byte[]> producer) {
        this.arn = TargetArn.of(id, "kafka");
        this.topic = topic;
        this.timeout = timeout;
        this.producer = producer;
    }

    /** The producer settings: durable (acks=all), idempotent, bounded in time. */
    static Map<String, Object> producerConfig(String bootstrap, String id, Duration timeout) {
        int requestMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "cairn-notify-" + id,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestMillis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestMillis * 3,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) requestMillis);
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public void deliver(String partitionKey, byte[] body) throws Exception {
        producer.send(new ProducerRecord<>(topic, partitionKey, body)).get(timeout.toMillis() * 4,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return arn + " -> kafka topic " + topic;
    }
}
