package io.cairn.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.object.KeyLockService;
import io.cairn.placement.RebalancePlan;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the shards whose slot changed drive between the previous and the current epoch of a
 * {@link ClusterPlacement}. Per object, under its key lock: copy each moved slot's shard files from the old
 * drive to the new one (skipping those already there; a shard the old drive cannot give is rebuilt from the
 * others by a heal over the same placement, which writes it to the new drive), write the manifest to the new drive, and only when
 * every drive of the new placement holds the same manifest remove the old drive's copy, if that drive has no
 * other slot of the group. Readers never miss a shard: until the old copy is removed, {@link MigratingDrive}
 * falls back to it. Paced to a number of objects per second; running it again skips what already moved.
 */
public final class ShardMigration {

    /**
     * Where a migration stands. {@code rebuiltShards}: shards an old drive could not give, rebuilt from the
     * others; {@code leftToHeal}: objects with a shard neither copied nor rebuilt.
     */
    public record Progress(long done, long total, long copiedShards, long rebuiltShards, long leftToHeal,
                           double objectsPerSecond) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardMigration.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Objects migrated at once: each is a chain of round trips to the nodes, so a few overlap well. */
    static final int IN_FLIGHT = 4;

    private final ClusterPlacement placement;
    private final KeyLockService locks;
    private final int readQuorum;
    private final double objectsPerSecond;
    private final ToIntBiFunction<String, String> rebuild;

    /**
     * {@code rebuild}: heals one object (bucket, key) over the same placement, rebuilding from the other shards
     * what an old drive cannot give; null to leave such objects to a later heal.
     */
    public ShardMigration(ClusterPlacement placement, KeyLockService locks, int readQuorum, double objectsPerSecond,
                          ToIntBiFunction<String, String> rebuild) {
        if (placement.previous() == null) {
            throw new IllegalArgumentException("epoch " + placement.map().epoch() + " has no previous epoch");
        }
        this.placement = placement;
        this.locks = locks;
        this.readQuorum = readQuorum;
        this.objectsPerSecond = objectsPerSecond;
        this.rebuild = rebuild;
    }

    /**
     * Moves every object of a moved group, {@link #IN_FLIGHT} objects at a time (each under its own key lock,
     * so they never touch the same files); reports progress about once a second and at the end.
     */
    public Progress run(Consumer<Progress> progress) throws InterruptedException {
        RebalancePlan plan = RebalancePlan.between(placement.previous(), placement.map());
        Set<Integer> moved = new HashSet<>();
        plan.moves().forEach(m -> moved.add(m.group()));
        List<String[]> objects = MovedObjects.in(placement, moved);
        Counts counts = new Counts(System.nanoTime());
        long pace = objectsPerSecond > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / objectsPerSecond) : 0;
        long nextReport = counts.start;
        Semaphore slots = new Semaphore(IN_FLIGHT);
        ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "shard-migration");
            t.setDaemon(true);
            return t;
        });
        try {
            long started = 0;
            for (String[] o : objects) {
                if (counts.failure.get() != null) {
                    break;
                }
                long wait = counts.start + started * pace - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    nextReport = report(progress, counts, objects.size(), nextReport);
                }
                started++;
                workers.execute(() -> {
                    try {
                        migrateOrRebuild(o[0], o[1], counts);
                    } catch (RuntimeException | Error e) {
                        counts.failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
                nextReport = report(progress, counts, objects.size(), nextReport);
            }
            while (!slots.tryAcquire(IN_FLIGHT, 200, TimeUnit.MILLISECONDS)) {
                nextReport = report(progress, counts, objects.size(), nextReport);
            }
        } finally {
            workers.shutdownNow();
        }
        Throwable failed = counts.failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        } else if (failed instanceof Error e) {
            throw e;
        }
        Progress last = counts.progress(objects.size());
        progress.accept(last);
        LOG.info("migration to epoch {}: {} objects, {} shards copied, {} rebuilt, {} left to heal",
                placement.map().epoch(), last.done(), last.copiedShards(), last.rebuiltShards(), last.leftToHeal());
        return last;
    }

    private static long report(Consumer<Progress> progress, Counts counts, long total, long nextReport) {
        if (System.nanoTime() < nextReport) {
            return nextReport;
        }
        progress.accept(counts.progress(total));
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    }

    /** Migrates one object, rebuilding what an old drive cannot give, and counts what it took. */
    private void migrateOrRebuild(String bucket, String key, Counts counts) {
        int c = migrate(bucket, key);
        int rebuilt = 0;
        if (c < 0 && rebuild != null) {
            // Outside the key lock: a heal takes it itself for the manifests it repairs.
            rebuilt = rebuildQuietly(bucket, key);
            c = migrate(bucket, key);
        }
        counts.add(c, rebuilt);
    }

    /** Totals the workers add to; read by the thread that reports progress. The first failure stops the run. */
    private static final class Counts {
        final long start;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong copied = new AtomicLong();
        private final AtomicLong rebuilt = new AtomicLong();
        private final AtomicLong unhealthy = new AtomicLong();

        Counts(long start) {
            this.start = start;
        }

        void add(int copiedShards, int rebuiltShards) {
            if (copiedShards < 0) {
                unhealthy.incrementAndGet();
            } else {
                copied.addAndGet(copiedShards);
            }
            rebuilt.addAndGet(rebuiltShards);
            done.incrementAndGet();
        }

        Progress progress(long total) {
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            long d = done.get();
            return new Progress(d, total, copied.get(), rebuilt.get(), unhealthy.get(), d / seconds);
        }
    }

    private int rebuildQuietly(String bucket, String key) {
        try {
            int shards = rebuild.applyAsInt(bucket, key);
            LOG.info("{}/{}: {} shards rebuilt from the others for the migration", bucket, key, shards);
            return shards;
        } catch (RuntimeException e) {
            LOG.warn("{}/{} could not be rebuilt: {}", bucket, key, e.getMessage());
            return 0;
        }
    }

    /** Shards copied for one object, or -1 when an old shard could not be read (heal rebuilds it later). */
    int migrate(String bucket, String key) {
        KeyLockService.Lease lease = locks.lock(bucket, key);
        try {
            List<ShardStore> slots = placement.placement(bucket, key);
            byte[] manifest = agreedManifest(slots, bucket, key);
            if (manifest == null) {
                return 0;
            }
            List<ShardId> shards = shards(bucket, key, manifest);
            int copied = copyMovedSlots(bucket, key, slots, shards, manifest, lease.token());
            if (copied < 0) {
                return -1;
            }
            if (fullyPlaced(bucket, key, manifest)) {
                removeOldCopies(bucket, key, slots, shards, lease.token());
                settleShuffledSlots(slots, shards);
            }
            return copied;
        } finally {
            locks.unlock(lease);
        }
    }

    /** Copies the moved slots' shards and the manifest to the new drives; -1 when a shard could not be copied. */
    private static int copyMovedSlots(String bucket, String key, List<ShardStore> slots, List<ShardId> shards,
                                      byte[] manifest, long token) {
        int copied = 0;
        boolean complete = true;
        for (ShardStore slot : slots) {
            if (!(slot instanceof MigratingDrive md)) {
                continue;
            }
            for (ShardId id : shards) {
                try {
                    copied += ShardCopy.copyIfAbsent(md.old(), id, md.current(), md.shardName(id)) ? 1 : 0;
                } catch (RuntimeException e) {
                    logUncopied(md, id, e);
                    complete = false;
                }
            }
            if (!Arrays.equals(readOrNull(md.current(), bucket, key), manifest)) {
                md.current().writeManifest(bucket, key, manifest, token);
            }
        }
        return complete ? copied : -1;
    }

    /** A dead departing drive fails every copy: that is expected, and the shard is rebuilt instead. */
    private static void logUncopied(MigratingDrive md, ShardId id, RuntimeException e) {
        logAt(md.departing() && e instanceof DriveOfflineException, "shard {} of {}/{} not copied from {}: {}",
                id.part(), id.volume(), id.key(), md.oldId(), e.getMessage());
    }

    private static void logAt(boolean expected, String format, Object... args) {
        if (expected) {
            LOG.debug(format, args);
        } else {
            LOG.warn(format, args);
        }
    }

    private byte[] agreedManifest(List<ShardStore> slots, String bucket, String key) {
        List<byte[]> copies = new ArrayList<>();
        for (ShardStore s : slots) {
            byte[] b = readOrNull(s, bucket, key);
            if (b != null) {
                copies.add(b);
            }
        }
        for (byte[] c : copies) {
            if (copies.stream().filter(o -> Arrays.equals(o, c)).count() >= readQuorum) {
                return c;
            }
        }
        return null;
    }

    private static byte[] readOrNull(ShardStore d, String bucket, String key) {
        try {
            return d.readManifest(bucket, key);
        } catch (RuntimeException absentOrOffline) {
            return null;
        }
    }

    /** Every drive of the new placement holds {@code manifest} itself, not through a fallback. */
    private boolean fullyPlaced(String bucket, String key, byte[] manifest) {
        for (String id : placement.driveIds(placement.groupOf(bucket, key))) {
            if (!Arrays.equals(readOrNull(placement.store(id), bucket, key), manifest)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Under the lease's token: a migration that paused past its lease must not remove a manifest that a newer
     * writer left on the old drive; a refused delete keeps the old copy, data included.
     */
    private void removeOldCopies(String bucket, String key, List<ShardStore> slots, List<ShardId> shards,
                                 long token) {
        List<String> now = placement.driveIds(placement.groupOf(bucket, key));
        for (ShardStore slot : slots) {
            if (!(slot instanceof MigratingDrive md) || now.contains(md.oldId())) {
                continue;
            }
            try {
                // The manifest first: data without a manifest is never read, a manifest without data would be.
                deleteIfPresent(md.old(), bucket, key, token);
                for (String dir : shards.stream().map(ShardId::dataDir).distinct().toList()) {
                    md.old().deleteDataDir(bucket, key, dir);
                }
            } catch (DriveOfflineException e) {
                // A removed node that is dead keeps its copy; it is never read again once this epoch is the last.
                logAt(md.departing(), "old copy of {}/{} stays on {}: {}", bucket, key, md.oldId(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("old copy of {}/{} stays on {}: {}", bucket, key, md.oldId(), e.getMessage());
            }
        }
    }

    /**
     * A drive that changed slot within the group holds the new slot's shard under a suffixed name
     * ({@link MigratingDrive}); once the group is fully placed, its plain name (the old slot's shard, which no
     * reader of this epoch uses) takes the new slot's bytes too, so later epochs, which know no suffixes, read
     * the right shard. The suffixed copy stays until the version is deleted.
     */
    private static void settleShuffledSlots(List<ShardStore> slots, List<ShardId> shards) {
        for (ShardStore slot : slots) {
            if (slot instanceof MigratingDrive md) {
                for (ShardId id : shards) {
                    ShardId named = md.shardName(id);
                    if (!named.equals(id)) {
                        ShardCopy.replaceUnlessEqual(md.current(), named, id);
                    }
                }
            }
        }
    }

    private static void deleteIfPresent(ShardStore d, String bucket, String key, long token) {
        try {
            d.deleteManifest(bucket, key, token);
        } catch (NotFoundException gone) {
            // removed by an earlier run
        }
    }

    /** The shard files of every version a manifest lists (docs/FORMAT.md: {@code .data.<dataDir>/part.<n>}). */
    static List<ShardId> shards(String bucket, String key, byte[] manifest) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable manifest of " + bucket + "/" + key, e);
        }
        List<ShardId> out = new ArrayList<>();
        for (JsonNode v : root.path("versions")) {
            for (JsonNode p : v.path("parts")) {
                String dir = p.path("dataDir").asText("");
                if (!dir.isEmpty()) {
                    out.add(new ShardId(bucket, key, dir, "part." + p.path("number").asInt()));
                }
            }
        }
        return out;
    }
}
