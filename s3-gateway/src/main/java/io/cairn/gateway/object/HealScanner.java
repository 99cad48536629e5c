package io.cairn.gateway.object;

import java.util.List;
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
     * {@code objectsPerSecond} objects a second (0: unbounded), reporting progress after each object.
     */
    HealProgress scan(String bucket, String prefix, double objectsPerSecond, Consumer<HealProgress> progress) {
        List<String> targets = bucket != null ? List.of(bucket)
                : buckets.list().stream().map(BucketInfo::name).toList();
        if (bucket != null) {
            buckets.head(bucket);
        }
        long start = System.nanoTime();
        HealProgress p = new HealProgress(0, 0, 0, 0, false, start);
        for (String b : targets) {
            MergedKeys keys = new MergedKeys(set.drives(), b, prefix == null ? "" : prefix, "");
            for (String key = keys.next(); key != null; key = keys.next()) {
                p = healOne(b, key, p);
                last.set(p);
                progress.accept(p);
                pace(start, p.scanned(), objectsPerSecond);
            }
        }
        p = p.finished();
        last.set(p);
        progress.accept(p);
        return p;
    }

    /** The latest progress of the running or last scan, or null before the first. */
    HealProgress last() {
        return last.get();
    }

    private HealProgress healOne(String bucket, String key, HealProgress p) {
        try {
            Healer.Result r = healer.heal(bucket, key);
            boolean repaired = r.shardsRebuilt() + r.manifestsRewritten() > 0;
            return p.next(repaired, false, r.shardsRebuilt());
        } catch (RuntimeException e) {
            LOG.warn("heal of {}/{} failed: {}", bucket, key, e.toString());
            return p.next(false, true, 0);
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
