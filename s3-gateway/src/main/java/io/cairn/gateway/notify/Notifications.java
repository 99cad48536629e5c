package io.cairn.gateway.notify;

import io.cairn.gateway.s3.OperationFamily;
import io.cairn.object.ErasureObjectService;
import java.time.Duration;

/**
 * Bucket notifications of one gateway, wired: the configuration operations, the outbox hook on the object
 * layer (only when the server has targets: without any, writes pay nothing) and the delivery worker.
 */
public final class Notifications implements AutoCloseable {

    /**
     * {@code queueLimit}: outbox entries at which writes that would add one are refused (503 SlowDown);
     * {@code retryMin}/{@code retryMax}: the back-off between attempts of a failing key; {@code pollInterval}:
     * how often the outbox is listed when no write nudged the worker; {@code threads}: keys delivered at once.
     */
    public record Settings(long queueLimit, Duration retryMin, Duration retryMax, Duration pollInterval,
                           int threads) {
        public Settings {
            if (queueLimit < 1 || threads < 1) {
                throw new IllegalArgumentException("the outbox limit and the delivery threads must be at least 1");
            }
            DeliveryWorker.positive(retryMin, "the minimum retry delay");
            DeliveryWorker.positive(pollInterval, "the poll interval");
            if (retryMax.compareTo(retryMin) < 0) {
                throw new IllegalArgumentException("the maximum retry delay is below the minimum");
            }
        }

        public static Settings defaults() {
            return new Settings(100_000, Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(1), 4);
        }

        public Settings withQueueLimit(long limit) {
            return new Settings(limit, retryMin, retryMax, pollInterval, threads);
        }

        public Settings withRetry(Duration min, Duration max) {
            return new Settings(queueLimit, min, max, pollInterval, threads);
        }
    }

    private final NotificationTargets targets;
    private final NotificationStats stats = new NotificationStats();
    private final NotificationOperations operations;
    private final DeliveryWorker worker;

    /** Hooks into {@code objects} at once (before the server takes writes); {@link #start()} starts delivering. */
    public Notifications(ErasureObjectService objects, NotificationTargets targets, String region, Settings settings) {
        this.targets = targets;
        this.worker = new DeliveryWorker(objects, targets, stats, region, settings);
        NotificationRules rules = new NotificationRules(objects, region, targets, stats, settings.queueLimit(),
                worker::nudge);
        this.operations = new NotificationOperations(objects, targets, region, rules);
        if (!targets.isEmpty()) {
            objects.commitEvents(rules);
        }
    }

    /** The S3 operations (Put/GetBucketNotificationConfiguration) for the gateway's API. */
    public OperationFamily operations() {
        return operations;
    }

    public NotificationStats stats() {
        return stats;
    }

    public NotificationTargets targets() {
        return targets;
    }

    /** Counts the backlog and starts the delivery worker (nothing to do without targets). */
    public void start() {
        if (!targets.isEmpty()) {
            worker.start();
        }
    }

    @Override
    public void close() {
        worker.close();
        targets.close();
    }
}
