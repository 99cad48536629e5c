package io.cairn.gateway.notify;

import io.cairn.object.ErasureObjectService;
import io.cairn.object.OutboxBatch;
import io.cairn.object.OutboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outbox and delivers. One scanner thread lists the keys' outbox documents (every poll interval, and
 * at once when a write recorded an entry) and hands each key to a small pool, never one key to two threads: a
 * key's entries go out one after the other in sequencer order, each to every target it names, and an entry is
 * removed from the outbox only when all of them acknowledged it. A failed delivery stops that key (the next
 * entries wait: per-key order) until a back-off (doubling from the minimum to the maximum) has passed; other
 * keys carry on. Retries never end while the target is configured; an entry naming a target this server no
 * longer has is dropped for that target (counted).
 */
final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int PAGE = 1000;

    private record Retry(long dueAt, long delayMillis) {
    }

    private final ErasureObjectService objects;
    private final NotificationTargets targets;
    private final NotificationStats stats;
    private final String region;
    private final Notifications.Settings settings;
    private final ExecutorService pool;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** Per entry (document and sequencer) the targets that acknowledged it while others did not yet. */
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean nudged;
    private volatile boolean closed;
    private Thread scanner;

    DeliveryWorker(ErasureObjectService objects, NotificationTargets targets, NotificationStats stats, String region,
                   Notifications.Settings settings) {
        this.objects = objects;
        this.targets = targets;
        this.stats = stats;
        this.region = region;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "cairn-notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Counts the backlog (deciding entries a crash left pending) and starts delivering. */
    synchronized void start() {
        long count = 0;
        String after = null;
        while (true) {
            List<String> names = objects.outboxNames(after, PAGE);
            for (String name : names) {
                try {
                    OutboxBatch b = objects.outboxEntries(name);
                    count += b == null ? 0 : b.entries().size();
                } catch (RuntimeException e) {
                    LOG.warn("notification outbox {} cannot be read yet: {}", name, e.toString());
                }
            }
            if (names.size() < PAGE) {
                break;
            }
            after = names.get(names.size() - 1);
        }
        // what is on the drives, whatever this process counted before it started (a write racing this count may
        // be off by one until it is delivered; the gauge never goes below zero)
        stats.backlog.set(count);
        LOG.info("notifications: {} events waiting in the outbox, targets {}", count, targets.all());
        scanner = new Thread(this::scanLoop, "cairn-notify-scanner");
        scanner.setDaemon(true);
        scanner.start();
    }

    /** A write recorded an entry: look now rather than at the next poll. */
    void nudge() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    private void scanLoop() {
        while (!closed) {
            try {
                scan();
            } catch (RuntimeException e) {
                LOG.warn("notification outbox scan failed: {}", e.toString());
            }
            synchronized (signal) {
                if (!nudged && !closed) {
                    try {
                        signal.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                nudged = false;
            }
        }
    }

    private void scan() {
        String after = null;
        long now = System.currentTimeMillis();
        while (!closed) {
            List<String> names = objects.outboxNames(after, PAGE);
            for (String name : names) {
                Retry r = retries.get(name);
                if ((r == null || r.dueAt() <= now) && busy.add(name)) {
                    try {
                        pool.execute(() -> {
                            try {
                                deliver(name);
                            } finally {
                                busy.remove(name);
                            }
                        });
                    } catch (RejectedExecutionException e) {
                        busy.remove(name);
                        return;
                    }
                }
            }
            if (names.size() < PAGE) {
                return;
            }
            after = names.get(names.size() - 1);
        }
    }

    /** Delivers one key's entries in order, stopping at the first that is not acknowledged by all its targets. */
    void deliver(String name) {
        OutboxBatch batch;
        try {
            batch = objects.outboxEntries(name);
        } catch (RuntimeException e) {
            LOG.warn("notification outbox {} cannot be read: {}", name, e.toString());
            backOff(name);
            return;
        }
        if (batch == null) {
            retries.remove(name);
            return;
        }
        for (OutboxEntry e : batch.entries()) {
            if (closed || !deliverToAll(name, e)) {
                backOff(name);
                return;
            }
            try {
                if (objects.acknowledgeOutboxEntry(e.bucket(), e.key(), e.sequencer())) {
                    stats.backlog.decrementAndGet();
                }
                acknowledged.remove(name + "#" + e.sequencer());
            } catch (RuntimeException ex) {
                // delivered but still in the outbox: it goes out again (at least once), the order is kept
                LOG.warn("delivered event {} of {}/{} could not be removed from the outbox: {}", e.sequencer(),
                        e.bucket(), e.key(), ex.toString());
                backOff(name);
                return;
            }
        }
        retries.remove(name);
    }

    private boolean deliverToAll(String name, OutboxEntry e) {
        Set<String> done = acknowledged.computeIfAbsent(name + "#" + e.sequencer(), k -> ConcurrentHashMap.newKeySet());
        boolean retry = retries.containsKey(name);
        for (String recorded : e.targets()) {
            String[] arnAndId = NotificationRules.split(recorded);
            String arn = arnAndId[0];
            if (done.contains(arn)) {
                continue;
            }
            NotificationTarget target = targets.get(arn);
            if (target == null) {
                LOG.warn("event {} of {}/{} dropped for {}: no such target on this server", e.sequencer(), e.bucket(),
                        e.key(), arn);
                stats.dropped.increment();
                done.add(arn);
                continue;
            }
            if (retry) {
                stats.retried.increment();
            }
            try {
                target.deliver(e.bucket() + "/" + e.key(), EventRecord.json(e, arnAndId[1], region));
                stats.delivered.increment();
                done.add(arn);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception ex) {
                stats.failed.increment();
                LOG.warn("delivering event {} of {}/{} to {} failed: {}", e.sequencer(), e.bucket(), e.key(), arn,
                        ex.toString());
                return false;
            }
        }
        return true;
    }

    private void backOff(String name) {
        retries.compute(name, (k, r) -> {
            long delay = r == null ? settings.retryMin().toMillis()
                    : Math.min(settings.retryMax().toMillis(), r.delayMillis() * 2);
            return new Retry(System.currentTimeMillis() + delay, delay);
        });
    }

    @Override
    public void close() {
        closed = true;
        nudge();
        pool.shutdownNow();
        if (scanner != null) {
            scanner.interrupt();
        }
    }

    static Duration positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }
}
