package io.cairn.storage;

/**
 * Per-key leases and fencing tokens kept by a drive, for writers in different processes: a writer leases the
 * key on a quorum of its drives, fences a token higher than any they hold, and commits its manifest with
 * that token ({@link ShardStore#writeManifest(String, String, byte[], long)}, or removes it with
 * {@link ShardStore#deleteManifest(String, String, long)}); a drive refuses a token lower than the highest it
 * has fenced. The rule and its failure cases are in docs/CLUSTER.md.
 */
public interface KeyFence {

    /**
     * Leases {@code volume/key} to {@code owner} for {@code ttlMillis} (renewing it when the owner holds it)
     * and returns the highest fencing token the drive holds for the key (0 for none).
     *
     * @throws KeyLeasedException when another owner holds an unexpired lease
     */
    long acquireLease(String volume, String key, String owner, long ttlMillis);

    /**
     * Records {@code token} as the key's highest, durably, while {@code owner} holds the lease.
     *
     * @throws StaleFencingTokenException when the drive already holds a token at least as high
     * @throws KeyLeasedException when the owner's lease is gone
     */
    void fence(String volume, String key, String owner, long token);

    /** Ends the owner's lease; nothing happens when it does not hold one. */
    void releaseLease(String volume, String key, String owner);
}
