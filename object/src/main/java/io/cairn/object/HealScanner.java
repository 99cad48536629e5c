package io.cairn.object;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks every object of the store (or of one bucket or prefix), verifies every shard's cell checksums and
 * rebuilds what is missing, corrupt or stale, at a bounded rate so that foreground requests keep the
 * drives. Used by {@code cairn admin heal} and by the periodic background scan.
 */
final class HealScanner {

    private static final Logger LOG = LoggerFactory.getLogger(HealScanner.class);
    /** Objects healed at once: each is a chain of reads and checks over the drives, so a few overlap well. */
    static final int IN_FLIGHT = 4;

    private final ErasureSet set;
    private final BucketStore buckets;
    private final Healer healer;
    private final AtomicReference<HealProgress> last = new AtomicReference<>();

    HealScanner(ErasureSet set, BucketStore buckets, Healer healer) {
        this.set = set;
        this.buckets = buckets;
        this.healer = healer;
    }

    /**
     * Heals every object under {@code bucket}/{@code prefix} (null bucket: all buckets), at most
     * {@code objectsPerSecond} objects a second (0: unbounded), {@link #IN_FLIGHT} objects at a time,
     * reporting progress after each object. An object whose heal failed is tried once more after the walk and
     * counted failed only if that fails too.
     */
    HealProgress scan(String bucket, String prefix, double objectsPerSecond, Consumer<HealProgress> progress) {
        List<String> targets = bucket != null ? List.of(bucket)
                : buckets.list().stream().map(BucketInfo::name).toList();
        if (bucket != null) {
            buckets.head(bucket);
        } else {
            int restored = buckets.heal();
            if (restored > 0) {
                LOG.info("heal: {} bucket volumes and settings restored on drives that lacked them", restored);
            }
        }
        long start = System.nanoTime();
        Tally tally = new Tally(new HealProgress(0, 0, 0, 0, false, start), progress);
        ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "heal-scan");
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(IN_FLIGHT);
        Queue<String[]> retry = new ConcurrentLinkedQueue<>();
        long started = 0;
        try {
            for (String b : targets) {
                MergedKeys keys = new MergedKeys(set.drives(), b, prefix == null ? "" : prefix, "", 0);
                for (String key = keys.next(); key != null; key = keys.next()) {
                    pace(start, started++, objectsPerSecond);
                    slots.acquireUninterruptibly();
                    String k = key;
                    workers.execute(() -> {
                        try {
                            Healer.Result r = healOne(b, k);
                            if (r == null) {
                                retry.add(new String[] {b, k});
                            } else {
                                tally.add(r);
                            }
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            slots.acquireUninterruptibly(IN_FLIGHT);
        } finally {
            workers.shutdownNow();
        }
        // A heal can fail for a passing reason (the key's lock busy, a node restarting): once more, after the walk.
        for (String[] again : retry) {
            tally.add(healOne(again[0], again[1]));
        }
        return tally.finish();
    }

    /** The running totals of one scan; workers add to them one object at a time. */
    private final class Tally {
        private HealProgress progress;
        private final Consumer<HealProgress> listener;

        Tally(HealProgress first, Consumer<HealProgress> listener) {
            this.progress = first;
            this.listener = listener;
        }

        synchronized void add(Healer.Result result) {
            progress = result == null ? progress.next(false, true, 0)
                    : progress.next(result.shardsRebuilt() + result.manifestsRewritten() > 0, false,
                    result.shardsRebuilt());
            last.set(progress);
            listener.accept(progress);
        }

        synchronized HealProgress finish() {
            progress = progress.finished();
            last.set(progress);
            listener.accept(progress);
            return progress;
        }
    }

    /** The latest progress of the running or last scan, or null before the first. */
    HealProgress last() {
        return last.get();
    }

    /** The heal's result, or null when it failed (logged). */
    private Healer.Result healOne(String bucket, String key) {
        try {
            return healer.heal(bucket, key);
        } catch (RuntimeException e) {
            LOG.warn("heal of {}/{} failed: {}", bucket, key, e.toString());
            return null;
        }
    }

    private static void pace(long startNanos, long done, double perSecond) {
        if (perSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (done / perSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuorumException("heal scan interrupted");
            }
        }
    }
}
