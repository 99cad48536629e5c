package io.cairn.object;

import io.cairn.erasure.ReedSolomon;
import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every part of the object layer shares: the drives and their placement, the scheme for new writes,
 * the quorum sizes, parallel drive calls, codecs, and per-key locks.
 *
 * <p>Quorums (MinIO's rule): a read needs k drives that agree; a write needs k drives, plus one when
 * k == m, so that two disjoint write quorums can never both succeed.
 */
final class ErasureSet {

    /** The system volume on every drive: multipart uploads and bucket configuration. */
    static final String SYSTEM_VOLUME = ".cairn.sys";

    private final ObjectPlacement placement;
    private final StripeLayout layout;
    private final DriveCalls calls;
    private final ManifestQuorum manifests;
    private final Clock clock;
    private final Map<Long, ReedSolomon> codecs = new ConcurrentHashMap<>();
    private final KeyLockService locks;
    private final ReadStats readStats = new ReadStats();

    ErasureSet(ObjectPlacement placement, StripeLayout layout, DriveCalls calls, Clock clock, KeyLockService locks) {
        if (placement.drives().size() < layout.totalShards()) {
            throw new IllegalArgumentException("scheme " + layout.dataShards() + "+" + layout.parityShards()
                    + " needs " + layout.totalShards() + " drives, got " + placement.drives().size());
        }
        this.placement = placement;
        this.layout = layout;
        this.calls = calls;
        this.manifests = new ManifestQuorum(calls);
        this.clock = clock;
        this.locks = locks;
    }

    List<ShardStore> drives() {
        return placement.drives();
    }

    List<ShardStore> placement(String bucket, String key) {
        return placement.placement(bucket, key);
    }

    StripeLayout layout() {
        return layout;
    }

    StripeLayout layoutOf(Manifest.Version v) {
        return new StripeLayout(v.dataShards(), v.parityShards(), v.stripeSize());
    }

    DriveCalls calls() {
        return calls;
    }

    ManifestQuorum manifests() {
        return manifests;
    }

    Clock clock() {
        return clock;
    }

    int readQuorum() {
        return layout.dataShards();
    }

    int writeQuorum() {
        int k = layout.dataShards();
        return k == layout.parityShards() ? k + 1 : k;
    }

    /**
     * Buckets and their configuration live on every drive, which may be more than k+m in a cluster: a
     * majority of all drives, and never less than the object write quorum.
     */
    int bucketWriteQuorum() {
        return Math.max(writeQuorum(), drives().size() / 2 + 1);
    }

    /** Overlaps every bucket write quorum. */
    int bucketReadQuorum() {
        return Math.max(readQuorum(), drives().size() - bucketWriteQuorum() + 1);
    }

    ReedSolomon codec(int k, int m) {
        return codecs.computeIfAbsent(((long) k << 32) | m, x -> ReedSolomon.create(k, m));
    }

    PartWriter partWriter() {
        return new PartWriter(calls, layout, codec(layout.dataShards(), layout.parityShards()), writeQuorum());
    }

    PartReader partReader(List<ShardStore> drives, Manifest.Version v, String volume, String key,
                          Manifest.Part part) {
        return new PartReader(calls, drives, layoutOf(v), codec(v.dataShards(), v.parityShards()), volume, key,
                part, readStats);
    }

    ReadStats readStats() {
        return readStats;
    }

    /**
     * Locks one key (or upload) and returns the lease whose fencing token its manifest commits carry; held
     * only around a manifest's read-modify-write, never during data I/O. Release with {@link #unlock}.
     */
    KeyLockService.Lease lock(String volume, String key) {
        return locks.lock(volume, key);
    }

    void unlock(KeyLockService.Lease lease) {
        locks.unlock(lease);
    }

    ManifestQuorum.Resolved readManifest(List<ShardStore> drives, String volume, String key) {
        return manifests.read(drives, volume, key, readQuorum());
    }

    /**
     * Writes a new manifest (null: delete it) to the drives in {@code targets}. Below the write quorum the
     * previous state is put back and a {@link QuorumException} is thrown: a {@link CommitNotUndoneException}
     * when the new state may still be on some drive, so the caller must keep the data it names.
     */
    void commitManifest(List<ShardStore> drives, boolean[] targets, String volume, String key, Manifest next,
                        ManifestQuorum.Resolved previous, KeyLockService.Lease lease) {
        commitManifest(drives, targets, volume, key, next, previous, lease, writeQuorum());
    }

    void commitManifest(List<ShardStore> drives, boolean[] targets, String volume, String key, Manifest next,
                        ManifestQuorum.Resolved previous, KeyLockService.Lease lease, int quorum) {
        commitBytes(drives, targets, volume, key, bytesOf(next), previous, lease, quorum);
    }

    /** The bytes a commit of {@code next} writes: null (the manifest removed) when it has no versions. */
    static byte[] bytesOf(Manifest next) {
        return next == null || next.versions().isEmpty() ? null : next.toBytes();
    }

    /** {@link #commitManifest} of bytes from {@link #bytesOf}, for callers that need to know them first. */
    void commitState(List<ShardStore> drives, boolean[] targets, String volume, String key, byte[] bytes,
                     ManifestQuorum.Resolved previous, KeyLockService.Lease lease) {
        commitBytes(drives, targets, volume, key, bytes, previous, lease, writeQuorum());
    }

    /** Commits the state {@code current} was read as, byte for byte, on every drive (a write quorum needed). */
    void recommit(List<ShardStore> drives, String volume, String key, ManifestQuorum.Resolved current,
                  KeyLockService.Lease lease) {
        commitBytes(drives, all(drives.size()), volume, key, current.bytes(), current, lease, writeQuorum());
    }

    private void commitBytes(List<ShardStore> drives, boolean[] targets, String volume, String key, byte[] bytes,
                             ManifestQuorum.Resolved previous, KeyLockService.Lease lease, int quorum) {
        boolean[] ok = manifests.write(drives, targets, volume, key, bytes, lease.token(), crashPoint(volume, key));
        if (ManifestQuorum.count(ok) < quorum) {
            // Back on every target, not only on those that said yes: a drive that did not answer in time may
            // still apply the new state, and the rollback, ordered after it there, then undoes it.
            boolean[] undone = manifests.write(drives, targets, volume, key,
                    previous == null ? null : previous.bytes(), lease.token(), null);
            String message = "write quorum not reached for the manifest of " + volume + "/" + key + ": "
                    + ManifestQuorum.count(ok) + " of " + quorum + " needed";
            if (ManifestQuorum.count(undone) < ManifestQuorum.count(targets)) {
                throw new CommitNotUndoneException(message + ", and the previous state is not back on every drive");
            }
            throw new QuorumException(message);
        }
    }

    /** The crash point a drive passes when it took a commit of this manifest (bucket configuration: none). */
    private static String crashPoint(String volume, String key) {
        if (!volume.equals(SYSTEM_VOLUME)) {
            return "commit.manifest";
        }
        return key.startsWith("multipart/") ? "upload.manifest" : null;
    }

    /** Best-effort removal of data directories (replaced versions, failed writes). */
    void deleteData(List<ShardStore> drives, String volume, String key, List<String> dataDirs) {
        if (dataDirs.isEmpty()) {
            return;
        }
        calls.onAll(drives, d -> {
            for (String dir : dataDirs) {
                d.deleteDataDir(volume, key, dir);
            }
            return null;
        });
    }

    static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }
}
