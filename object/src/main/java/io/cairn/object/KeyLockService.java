package io.cairn.object;

/**
 * Orders writers of one key: {@link #lock} hands out a lease with a fencing token that is higher than every
 * token handed out for the key before; the writer commits its manifest with that token
 * ({@link io.cairn.storage.ShardStore#writeManifest(String, String, byte[], long)}) and unlocks. Single node:
 * {@link InProcessKeyLocks}; cluster: {@code io.cairn.cluster.QuorumKeyLocks}. docs/CLUSTER.md states the rule.
 */
public interface KeyLockService {

    /** A held lock: commit manifests of {@code volume/key} with {@code token}. */
    record Lease(String volume, String key, String owner, long token) {
    }

    /**
     * Blocks until the key is locked.
     *
     * @throws QuorumException when the lock cannot be had in time
     */
    Lease lock(String volume, String key);

    void unlock(Lease lease);
}
