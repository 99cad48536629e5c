package io.cairn.gateway.cluster;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.KeyFence;
import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.ListPage;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A node's own drive with per-key leases and fencing tokens ({@link KeyFence}). Leases live in memory and
 * are judged by this process's monotonic clock; the highest token of each key is stored durably on the drive
 * itself, as a small document under the system volume {@value #FENCE_VOLUME}, before any manifest that
 * carries it, so a token never goes backwards, not even across a restart. Everything else passes through.
 */
public final class FencedShardStore implements ShardStore, KeyFence {

    static final String FENCE_VOLUME = ".cairn.fence";
    private static final int LOCK_STRIPES = 256;

    private record Lease(String owner, long expiresNanos, long token) {
    }

    private final ShardStore drive;
    private final LongSupplier nanoClock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];

    public FencedShardStore(ShardStore drive) {
        this(drive, System::nanoTime);
    }

    FencedShardStore(ShardStore drive, LongSupplier nanoClock) {
        this.drive = drive;
        this.nanoClock = nanoClock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        try {
            drive.createVolume(FENCE_VOLUME);
        } catch (VolumeExistsException used) {
            // a drive that fenced keys before
        }
    }

    private static String name(String volume, String key) {
        // Volume names hold no '/', so this names one (volume, key) pair only.
        return volume + "/" + key;
    }

    private Object lock(String name) {
        return locks[Math.floorMod(name.hashCode(), LOCK_STRIPES)];
    }

    private long storedToken(String name) {
        try {
            return Long.parseLong(new String(drive.readManifest(FENCE_VOLUME, name), StandardCharsets.US_ASCII));
        } catch (NotFoundException none) {
            return 0;
        }
    }

    private void storeToken(String name, long token) {
        drive.writeManifest(FENCE_VOLUME, name, Long.toString(token).getBytes(StandardCharsets.US_ASCII));
    }

    private boolean live(Lease lease) {
        return lease != null && lease.expiresNanos() - nanoClock.getAsLong() > 0;
    }

    @Override
    public long acquireLease(String volume, String key, String owner, long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("lease time must be positive, not " + ttlMillis);
        }
        String name = name(volume, key);
        synchronized (lock(name)) {
            Lease held = leases.get(name);
            if (live(held) && !held.owner().equals(owner)) {
                throw new KeyLeasedException(name + " is leased to another writer");
            }
            long token = held != null && held.owner().equals(owner) ? held.token() : 0;
            leases.put(name, new Lease(owner, nanoClock.getAsLong() + ttlMillis * 1_000_000, token));
            return storedToken(name);
        }
    }

    @Override
    public void fence(String volume, String key, String owner, long token) {
        String name = name(volume, key);
        synchronized (lock(name)) {
            Lease held = leases.get(name);
            if (!live(held) || !held.owner().equals(owner)) {
                throw new KeyLeasedException(name + ": the writer's lease is over");
            }
            long stored = storedToken(name);
            if (token <= stored) {
                throw new StaleFencingTokenException(name + ": token " + token + " is not above " + stored);
            }
            storeToken(name, token);
            leases.put(name, new Lease(owner, held.expiresNanos(), token));
        }
    }

    @Override
    public void releaseLease(String volume, String key, String owner) {
        String name = name(volume, key);
        synchronized (lock(name)) {
            leases.computeIfPresent(name, (n, held) -> held.owner().equals(owner) ? null : held);
        }
    }

    /** Refused when a higher token is stored, or when this token's lease is known to have expired. */
    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        String name = name(volume, key);
        synchronized (lock(name)) {
            long stored = storedToken(name);
            if (fencingToken < stored) {
                throw new StaleFencingTokenException(name + ": token " + fencingToken + " is below " + stored);
            }
            Lease held = leases.get(name);
            if (held != null && held.token() == fencingToken && !live(held)) {
                throw new StaleFencingTokenException(name + ": the lease of token " + fencingToken + " expired");
            }
            if (fencingToken > stored) {
                storeToken(name, fencingToken);
            }
            drive.writeManifest(volume, key, manifest);
        }
    }

    // ---- everything else is the drive's ----

    @Override
    public String id() {
        return drive.id();
    }

    @Override
    public DriveInfo driveInfo() {
        return drive.driveInfo();
    }

    @Override
    public void createVolume(String volume) {
        drive.createVolume(volume);
    }

    @Override
    public void deleteVolume(String volume) {
        drive.deleteVolume(volume);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        drive.deleteVolumeRecursively(volume);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        return drive.statVolume(volume);
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        return drive.listVolumes();
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        return drive.readManifest(volume, key);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        drive.writeManifest(volume, key, manifest);
    }

    @Override
    public void deleteManifest(String volume, String key) {
        drive.deleteManifest(volume, key);
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        return drive.list(volume, prefix, startAfter, limit);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        return drive.createShard(shard, cellSize);
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        return drive.openShard(shard);
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        drive.deleteDataDir(volume, key, dataDir);
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
    }

    @Override
    public void close() {
        drive.close();
    }
}
