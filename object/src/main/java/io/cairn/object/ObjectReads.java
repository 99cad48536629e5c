package io.cairn.object;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.ShardStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** HEAD and GET: resolve the version by read quorum, then stream its range through {@link PartReader}s. */
final class ObjectReads {

    private final ErasureSet set;
    private final Healer healer;

    ObjectReads(ErasureSet set, Healer healer) {
        this.set = set;
        this.healer = healer;
    }

    ObjectInfo head(String bucket, String key, String versionId) {
        List<ShardStore> placement = set.placement(bucket, key);
        ManifestQuorum.Resolved r = set.readManifest(placement, bucket, key);
        Manifest.Version v = pick(bucket, key, r, versionId);
        if (!r.allAgree()) {
            healer.enqueue(bucket, key);
        }
        return info(bucket, key, v);
    }

    /** The current version of a key if it has one that is not a delete marker (for listings). */
    Optional<ObjectInfo> currentOrEmpty(String bucket, String key) {
        try {
            ManifestQuorum.Resolved r = set.readManifest(set.placement(bucket, key), bucket, key);
            if (!r.exists()) {
                return Optional.empty();
            }
            return r.manifest().latest().filter(v -> !v.deleteMarker()).map(v -> info(bucket, key, v));
        } catch (QuorumException | CorruptShardException e) {
            return Optional.empty();
        }
    }

    ObjectContent get(String bucket, String key, String versionId, ByteRange range) {
        List<ShardStore> placement = set.placement(bucket, key);
        ManifestQuorum.Resolved r = set.readManifest(placement, bucket, key);
        Manifest.Version v = pick(bucket, key, r, versionId);
        long offset = 0;
        long length = v.size();
        if (range != null) {
            long[] resolved = range.resolve(v.size());
            if (resolved == null) {
                throw new InvalidRangeException("range not satisfiable for an object of " + v.size() + " bytes");
            }
            offset = resolved[0];
            length = resolved[1];
        }
        boolean stale = !r.allAgree();
        if (v.inline() != null) {
            if (stale) {
                healer.enqueue(bucket, key);
            }
            return new InlineContent(info(bucket, key, v), v.inline(), offset, length);
        }
        return new ErasureObjectContent(info(bucket, key, v), v.parts(), offset, length,
                part -> set.partReader(placement, v, bucket, key, part),
                degraded -> {
                    if (degraded || stale) {
                        healer.enqueue(bucket, key);
                    }
                }, set.calls().executor());
    }

    /** The version a read addresses, for reading its data. */
    static Manifest.Version pick(String bucket, String key, ManifestQuorum.Resolved r, String versionId) {
        Manifest.Version v = pickAny(bucket, key, r, versionId);
        if (v.deleteMarker()) {
            if (versionId == null) {
                throw new ObjectNotFoundException("object " + bucket + "/" + key + " is deleted", true,
                        v.versionId());
            }
            throw new DeleteMarkerException("version " + versionId + " of " + bucket + "/" + key
                    + " is a delete marker", versionId);
        }
        return v;
    }

    /** The version an operation addresses, delete markers included. */
    static Manifest.Version pickAny(String bucket, String key, ManifestQuorum.Resolved r, String versionId) {
        if (versionId != null && !Versioning.isValidId(versionId)) {
            throw new InvalidArgumentException("Invalid version id specified");
        }
        if (!r.exists()) {
            if (versionId != null) {
                throw new VersionNotFoundException("no version " + versionId + " of " + bucket + "/" + key,
                        versionId);
            }
            throw new ObjectNotFoundException("no object " + bucket + "/" + key);
        }
        Manifest m = r.manifest();
        if (versionId == null) {
            return m.latest().orElseThrow(() -> new ObjectNotFoundException("no object " + bucket + "/" + key));
        }
        return m.version(versionId).orElseThrow(() -> new VersionNotFoundException(
                "no version " + versionId + " of " + bucket + "/" + key, versionId));
    }

    static ObjectInfo info(String bucket, String key, Manifest.Version v) {
        List<Long> partSizes = v.parts().size() > 1 || v.etag() != null && v.etag().contains("-")
                ? v.parts().stream().map(Manifest.Part::size).toList() : List.of();
        return new ObjectInfo(bucket, key, v.versionId(), v.size(), v.etag(), Instant.ofEpochMilli(v.mtime()),
                v.metadata(), v.deleteMarker(), partSizes);
    }
}
