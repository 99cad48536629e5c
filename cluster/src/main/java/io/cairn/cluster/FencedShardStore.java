package io.cairn.cluster;

import io.cairn.storage.KeyFence;
import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.VolumeExistsException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A node's own drive with per-key leases and fencing tokens ({@link KeyFence}). Leases live in memory and
 * are judged by this process's monotonic clock; the highest token of each key is stored durably on the drive
 * itself, as a small document under the system volume {@value #FENCE_VOLUME}, before any manifest that
 * carries it, so a token never goes backwards, not even across a restart. Manifest writes and deletes that
 * carry a token are judged against it; everything else passes through.
 */
public final class FencedShardStore extends ForwardingShardStore implements KeyFence {

    static final String FENCE_VOLUME = ".cairn.fence";
    private static final int LOCK_STRIPES = 256;

    private record Lease(String owner, long expiresNanos, long token) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];

    public FencedShardStore(ShardStore drive) {
        this(drive, System::nanoTime);
    }

    FencedShardStore(ShardStore drive, LongSupplier nanoClock) {
        super(drive);
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
            admit(name, fencingToken);
            drive.writeManifest(volume, key, manifest);
        }
    }

    /**
     * Judged as a write is: a deleter that paused past its lease must not remove the manifest of a writer that
     * locked the key after it. The token is stored before the delete, also when the manifest turns out to be
     * absent, so no older writer can bring the key back either.
     */
    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        String name = name(volume, key);
        synchronized (lock(name)) {
            admit(name, fencingToken);
            drive.deleteManifest(volume, key);
        }
    }

    /** Refuses a token below the stored one or of an expired lease; stores a higher one as the key's highest. */
    private void admit(String name, long fencingToken) {
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
    }
}
