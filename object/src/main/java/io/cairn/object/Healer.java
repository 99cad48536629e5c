package io.cairn.object;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeExistsException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds missing or corrupt shards and stale manifests of an object from its healthy shards. Reads that
 * noticed damage enqueue the object; one background thread heals queued objects one at a time, each under
 * the key's lock so no write interleaves.
 */
final class Healer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Healer.class);

    /** What a heal did to one object. */
    record Result(int shardsRebuilt, int manifestsRewritten) {
    }

    private final ErasureSet set;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-heal");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong healed = new AtomicLong();
    private volatile boolean closed;

    Healer(ErasureSet set) {
        this.set = set;
    }

    void enqueue(String bucket, String key) {
        String id = bucket + "\u0000" + key;
        if (queued.add(id)) {
            worker.execute(() -> {
                queued.remove(id);
                try {
                    heal(bucket, key);
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.warn("heal of {}/{} failed", bucket, key, e);
                    }
                }
            });
        }
    }

    int queueLength() {
        return queued.size();
    }

    long objectsHealed() {
        return healed.get();
    }

    /** Waits until every queued heal has run (for tests and shutdown). */
    void awaitIdle() {
        try {
            worker.submit(() -> { }).get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("heal queue did not drain", e);
        }
    }

    /**
     * Rebuilds the object's damaged shards, then repairs stale manifests. Shards are rebuilt without the
     * key's lock (a rebuilt shard replaces a missing or corrupt one atomically and nothing else); only the
     * manifest repair, which must not race a writer's commit, takes it, and writes or deletes under its token,
     * so a heal that paused past its lease cannot undo a newer commit.
     */
    Result heal(String bucket, String key) {
        List<ShardStore> placement = set.placement(bucket, key);
        ManifestQuorum.Resolved seen = set.readManifest(placement, bucket, key);
        int rebuilt = 0;
        if (seen.exists()) {
            for (Manifest.Version v : seen.manifest().versions()) {
                for (Manifest.Part part : v.parts()) {
                    rebuilt += healPart(placement, bucket, key, v, part);
                }
            }
        }
        if (rebuilt > 0) {
            CrashPoints.pass("heal.after-shards");
        }
        int rewritten;
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            ManifestQuorum.Resolved r = set.readManifest(placement, bucket, key);
            boolean[] stale = new boolean[placement.size()];
            for (int i = 0; i < stale.length; i++) {
                stale[i] = !r.agrees()[i] && r.reachable()[i];
                if (stale[i] && r.exists()) {
                    ensureVolume(placement.get(i), bucket);
                }
            }
            rewritten = ManifestQuorum.count(set.manifests().write(placement, stale, bucket, key, r.bytes(),
                    lease.token(), "heal.manifest"));
        } finally {
            set.unlock(lease);
        }
        if (rebuilt + rewritten > 0) {
            healed.incrementAndGet();
            LOG.info("healed {}/{}: {} shards rebuilt, {} manifests rewritten", bucket, key, rebuilt, rewritten);
        }
        return new Result(rebuilt, rewritten);
    }

    private int healPart(List<ShardStore> placement, String bucket, String key, Manifest.Version v,
                         Manifest.Part part) {
        boolean[] damaged;
        try (PartReader check = set.partReader(placement, v, bucket, key, part)) {
            check.verifyAll();
            damaged = check.damagedShards();
        }
        if (ManifestQuorum.count(damaged) == 0) {
            return 0;
        }
        var layout = set.layoutOf(v);
        ShardWriter[] writers = new ShardWriter[placement.size()];
        int rebuilt = 0;
        try (PartReader source = set.partReader(placement, v, bucket, key, part)) {
            for (int i = 0; i < writers.length; i++) {
                if (damaged[i]) {
                    writers[i] = open(placement.get(i), new ShardId(bucket, key, part.dataDir(), part.fileName()),
                            layout.cellSize());
                }
            }
            for (long s = 0; s < source.stripeCount(); s++) {
                ByteBuffer[] cells = source.readFullStripe(s);
                for (int i = 0; i < writers.length; i++) {
                    if (writers[i] != null) {
                        writers[i].append(cells[i]);
                    }
                }
            }
            for (int i = 0; i < writers.length; i++) {
                if (writers[i] != null) {
                    writers[i].commit();
                    rebuilt++;
                }
            }
        } finally {
            for (ShardWriter w : writers) {
                if (w != null) {
                    w.close();
                }
            }
        }
        return rebuilt;
    }

    /**
     * Starts a fresh shard where the old one is missing or corrupt: the commit renames it over the old one,
     * so a heal that fails half-way never removes anything. A drive that is down is skipped.
     */
    private static ShardWriter open(ShardStore drive, ShardId id, int cellSize) {
        try {
            ensureVolume(drive, id.volume());
            return drive.createShard(id, cellSize);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A drive that was replaced by an empty one lacks the bucket's volume: heal brings it back. */
    private static void ensureVolume(ShardStore drive, String volume) {
        try {
            drive.createVolume(volume);
        } catch (VolumeExistsException exists) {
            // the usual case
        } catch (RuntimeException e) {
            // unreachable drive: the shard write that follows fails and the drive is skipped
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
    }
}
