package io.cairn.gateway.notify;

/**
 * Somewhere events go. {@link #deliver} blocks until the target acknowledged the event (then the outbox entry
 * may be removed) and throws otherwise (the worker retries). Delivery is at least once: an event may arrive
 * twice, for example when the acknowledgement was lost or the server restarted before removing the entry.
 */
public interface NotificationTarget extends AutoCloseable {

    /** The canonical ARN a bucket configuration names this target by. */
    String arn();

    /**
     * Delivers one event body (S3 event JSON). {@code partitionKey} is {@code bucket/key}: targets that
     * partition (Kafka) keep one key's events in one partition, so in order.
     */
    void deliver(String partitionKey, byte[] body) throws Exception;

    @Override
    void close();
}
