package io.cairn.object;

import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PUT, DELETE and metadata updates. Data is written to a fresh data directory without any lock; only the
 * manifest swap happens under the key's lock, where write conditions are checked. The replaced version's
 * data is removed after the new manifest reached the write quorum.
 */
final class ObjectWrites {

    private final ErasureSet set;
    final CommitListeners commitListeners = new CommitListeners();
    final Outbox outbox;

    private final int inlineLimit;

    /**
     * {@code inlineLimit}: objects of at most this many bytes (when their size is declared) are kept inside
     * the manifest on every drive of the placement instead of in shard files: one small file per drive to
     * write and read instead of three, at the price of k+m copies of a few KiB.
     */
    ObjectWrites(ErasureSet set, int inlineLimit) {
        this.set = set;
        this.inlineLimit = inlineLimit;
        this.outbox = new Outbox(set);
    }

    ObjectInfo put(String bucket, String key, InputStream body, long size, PutOptions options,
                   Versioning versioning) {
        List<ShardStore> placement = set.placement(bucket, key);
        if (size >= 0 && size <= inlineLimit) {
            byte[] data = readSmallBody(body, (int) size);
            String etag = HexFormat.of().formatHex(PartWriter.md5().digest(data));
            return commitVersion(bucket, key, placement, ErasureSet.all(placement.size()), size, etag, List.of(),
                    data, options, versioning, ChangeKind.PUT);
        }
        String dataDir = newDataDir();
        PartWriter.Written w = set.partWriter().write(placement, bucket, key, dataDir, "part.1", body, size);
        CrashPoints.pass("put.after-shards");
        String etag = HexFormat.of().formatHex(w.md5());
        Manifest.Part part = new Manifest.Part(1, w.size(), etag, dataDir, set.clock().millis(), Map.of());
        try {
            return commitVersion(bucket, key, placement, w.committed(), w.size(), etag, List.of(part), null,
                    options, versioning, ChangeKind.PUT);
        } catch (CommitNotUndoneException e) {
            throw e; // a drive may still name this data: it stays, unreferenced at worst
        } catch (RuntimeException e) {
            set.deleteData(placement, bucket, key, List.of(dataDir));
            throw e;
        }
    }

    /**
     * Makes a version whose parts are already committed on the {@code holders} drives the current one,
     * checking the write conditions under the key's lock (a multipart completion).
     */
    ObjectInfo commitVersion(String bucket, String key, List<ShardStore> placement, boolean[] holders, long size,
                             String etag, List<Manifest.Part> parts, PutOptions options, Versioning versioning) {
        return commitVersion(bucket, key, placement, holders, size, etag, parts, null, options, versioning,
                ChangeKind.COMPLETE);
    }

    private ObjectInfo commitVersion(String bucket, String key, List<ShardStore> placement, boolean[] holders,
                                     long size, String etag, List<Manifest.Part> parts, byte[] inline,
                                     PutOptions options, Versioning versioning, ChangeKind kind) {
        var layout = set.layout();
        long now = set.clock().millis();
        Manifest.Version v = new Manifest.Version(versioning.newVersionId(now), false, now, size, etag,
                layout.dataShards(), layout.parityShards(), layout.stripeSize(), options.finalMetadata(), parts,
                inline);
        List<String> replaced = new ArrayList<>();
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, bucket, key);
            checkConditions(cur, options);
            Manifest base = cur.exists() ? cur.manifest() : Manifest.empty();
            base.version(v.versionId()).ifPresent(old -> old.parts().forEach(p -> replaced.add(p.dataDir())));
            byte[] next = ErasureSet.bytesOf(base.withNewest(v));
            outbox.beforeCommit(placement, lease, bucket, key, cur, new CommitEvents.Change(bucket, key, kind,
                    options.origin(), versionIdOf(v), size, etag, now), next);
            set.commitState(placement, holders, bucket, key, next, cur, lease);
        } finally {
            set.unlock(lease);
        }
        CrashPoints.pass("put.after-commit");
        set.deleteData(placement, bucket, key, replaced);
        ObjectInfo info = ObjectReads.info(bucket, key, v);
        commitListeners.fire(info);
        return info;
    }

    /** Checks write conditions ahead of work that is costly to undo; checked again at commit. */
    void precheck(String bucket, String key, PutOptions options) {
        if (options.ifNoneMatchAny() || options.ifMatchEtag() != null) {
            checkConditions(set.readManifest(set.placement(bucket, key), bucket, key), options);
        }
    }

    /**
     * Deletes one version (by id: permanently, delete markers included), or without an id: the null
     * version of an unversioned bucket, else a new delete marker becomes the current version (in a
     * suspended bucket it is the null version, replacing the old one).
     */
    DeleteResult delete(String bucket, String key, String versionId, Versioning versioning, DeleteOptions options) {
        if (versionId != null && !Versioning.isValidId(versionId)) {
            throw new InvalidArgumentException("Invalid version id specified");
        }
        List<ShardStore> placement = set.placement(bucket, key);
        List<String> removed = new ArrayList<>();
        DeleteResult result;
        CommitEvents.Change change;
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, bucket, key);
            Manifest base = cur.exists() ? cur.manifest() : Manifest.empty();
            Manifest next;
            if (versionId != null || versioning == Versioning.UNVERSIONED) {
                String id = versionId == null ? Manifest.NULL_VERSION : versionId;
                Manifest.Version old = base.version(id).orElse(null);
                if (options.expectedModified() != null && (old == null || !options.expects(old.mtime()))) {
                    throw new PreconditionFailedException("the version was changed since it was looked at");
                }
                if (old == null) {
                    // Nothing to remove, but the answer must hold: the state read is committed again on every
                    // drive, ordered after any change of the key still on its way there (a late rollback of a
                    // failed request would otherwise bring back what this delete reports gone).
                    set.recommit(placement, bucket, key, cur, lease);
                    return new DeleteResult(versionId, false);
                }
                ObjectLock.checkRemoval(old.metadata(), set.clock().instant(), options.bypassGovernance());
                old.parts().forEach(p -> removed.add(p.dataDir()));
                next = base.without(id);
                result = new DeleteResult(versionId, old.deleteMarker());
                change = new CommitEvents.Change(bucket, key, ChangeKind.DELETE, null, versionIdOf(old), 0, null,
                        set.clock().millis());
            } else {
                if (options.expectedModified() != null) {
                    Manifest.Version current = base.latest().orElse(null);
                    if (current == null || current.deleteMarker() || !options.expects(current.mtime())) {
                        throw new PreconditionFailedException("the current version was changed since it was looked at");
                    }
                }
                long now = set.clock().millis();
                String id = versioning.newVersionId(now);
                base.version(id).ifPresent(old -> old.parts().forEach(p -> removed.add(p.dataDir())));
                var layout = set.layout();
                next = base.withNewest(new Manifest.Version(id, true, now, 0, null, layout.dataShards(),
                        layout.parityShards(), layout.stripeSize(), Map.of(), List.of()));
                result = new DeleteResult(id, true);
                change = new CommitEvents.Change(bucket, key, ChangeKind.DELETE_MARKER, null, id, 0, null, now);
            }
            byte[] bytes = ErasureSet.bytesOf(next);
            outbox.beforeCommit(placement, lease, bucket, key, cur, change, bytes);
            set.commitState(placement, ErasureSet.all(placement.size()), bucket, key, bytes, cur, lease);
        } finally {
            set.unlock(lease);
        }
        CrashPoints.pass("delete.after-commit");
        set.deleteData(placement, bucket, key, removed);
        return result;
    }

    ObjectInfo updateMetadata(String bucket, String key, String versionId, Map<String, String> metadata,
                              boolean bypassGovernance) {
        List<ShardStore> placement = set.placement(bucket, key);
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, bucket, key);
            Manifest.Version old = ObjectReads.pick(bucket, key, cur, versionId);
            ObjectLock.checkChange(old.metadata(), metadata, set.clock().instant(), bypassGovernance);
            Manifest.Version v = old.withMetadata(metadata);
            // a version id is kept: tags and metadata of an existing version change in place
            byte[] bytes = ErasureSet.bytesOf(cur.manifest().replacing(v));
            outbox.beforeCommit(placement, lease, bucket, key, cur, null, bytes);
            set.commitState(placement, ErasureSet.all(placement.size()), bucket, key, bytes, cur, lease);
            return ObjectReads.info(bucket, key, v);
        } finally {
            set.unlock(lease);
        }
    }

    private static void checkConditions(ManifestQuorum.Resolved cur, PutOptions options) {
        Manifest.Version current = cur.exists() ? cur.manifest().latest().filter(x -> !x.deleteMarker()).orElse(null)
                : null;
        if (options.ifNoneMatchAny() && current != null) {
            throw new PreconditionFailedException("the key already exists");
        }
        if (options.ifMatchEtag() != null && (current == null || !options.ifMatchEtag().equals(current.etag()))) {
            throw new PreconditionFailedException("the current ETag does not match");
        }
    }

    /**
     * Reads a body declared to be {@code size} bytes to its end (where a verifying stream checks its
     * digests), refusing one that is longer or shorter.
     */
    private static byte[] readSmallBody(InputStream body, int size) {
        try {
            byte[] data = body.readNBytes(size);
            if (data.length < size) {
                throw new BodyReadException("body ended after " + data.length + " of " + size + " bytes", null);
            }
            if (body.read() >= 0) {
                throw new BodyReadException("body longer than its declared " + size + " bytes", null);
            }
            return data;
        } catch (IOException e) {
            throw new BodyReadException("reading the body failed: " + e.getMessage(), e);
        }
    }

    /** The version id readers see: none for the null version. */
    private static String versionIdOf(Manifest.Version v) {
        return Manifest.NULL_VERSION.equals(v.versionId()) ? null : v.versionId();
    }

    static String newDataDir() {
        return UUID.randomUUID().toString();
    }
}
