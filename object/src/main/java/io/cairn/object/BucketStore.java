package io.cairn.object;

import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets are volumes on every drive; a bucket exists when a read quorum of drives has its volume.
 * Bucket configuration documents are manifests under the system volume, written to every drive.
 */
final class BucketStore {

    /** How long a gateway trusts its cached versioning state of a bucket written by another gateway. */
    private static final long VERSIONING_TTL_MILLIS = 2000;

    private record CachedVersioning(Versioning state, long readAt) {
    }

    private final ErasureSet set;
    private final ConcurrentHashMap<String, CachedVersioning> versioning = new ConcurrentHashMap<>();

    BucketStore(ErasureSet set) {
        this.set = set;
        set.calls().onAll(set.drives(), d -> {
            try {
                d.createVolume(ErasureSet.SYSTEM_VOLUME);
            } catch (VolumeExistsException exists) {
                // a drive that was used before
            }
            return null;
        });
    }

    /**
     * Creates the bucket's volume on every drive. It existed when a bucket read quorum had it; short of
     * that and of the write quorum, the volumes this call made are removed again, so that a failed create
     * leaves no bucket for a later listing or create to find.
     */
    void create(String bucket) {
        List<DriveCalls.Outcome<Boolean>> created = set.calls().onAll(set.drives(), d -> {
            d.createVolume(bucket);
            return Boolean.TRUE;
        });
        long ok = DriveCalls.countOk(created);
        long existed = created.stream().filter(o -> o.error() instanceof VolumeExistsException).count();
        if (ok >= set.bucketWriteQuorum()) {
            return;
        }
        if (existed >= set.bucketReadQuorum()) {
            throw new BucketExistsException("bucket " + bucket + " already exists");
        }
        List<ShardStore> made = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            made.add(created.get(i).ok() ? set.drives().get(i) : null);
        }
        set.calls().onAll(made, d -> {
            d.deleteVolume(bucket); // only if still empty: another writer may have raced ahead
            return null;
        });
        throw new QuorumException("bucket " + bucket + " created on " + ok + " drives only, "
                + set.bucketWriteQuorum() + " needed");
    }

    /**
     * Every object request checks its bucket; a bucket seen to exist is trusted for this long before the
     * drives are asked again. Deleting it through this gateway forgets it at once; through another gateway,
     * requests here fail on the missing volumes within that time.
     */
    private static final long EXISTS_TTL_MILLIS = 1000;

    private record Seen(BucketInfo info, long at) {
    }

    private final ConcurrentHashMap<String, Seen> existing = new ConcurrentHashMap<>();

    BucketInfo head(String bucket) {
        long now = set.clock().millis();
        Seen seen = existing.get(bucket);
        if (seen != null && now - seen.at() <= EXISTS_TTL_MILLIS) {
            return seen.info();
        }
        BucketInfo info = stat(bucket);
        existing.put(bucket, new Seen(info, now));
        return info;
    }

    private BucketInfo stat(String bucket) {
        List<DriveCalls.Outcome<VolumeInfo>> stats = set.calls().onAll(set.drives(), d -> d.statVolume(bucket));
        VolumeInfo found = null;
        int count = 0;
        int absent = 0;
        for (DriveCalls.Outcome<VolumeInfo> o : stats) {
            if (o.ok()) {
                count++;
                if (found == null || o.value().created().isBefore(found.created())) {
                    found = o.value();
                }
            } else if (o.error() instanceof NotFoundException) {
                absent++;
            }
        }
        if (count >= set.bucketReadQuorum() && count >= absent) {
            return new BucketInfo(bucket, found.created());
        }
        if (absent >= set.bucketReadQuorum()) {
            throw new BucketNotFoundException("bucket " + bucket + " does not exist");
        }
        throw new QuorumException("read quorum not reached for bucket " + bucket);
    }

    List<BucketInfo> list() {
        List<DriveCalls.Outcome<List<VolumeInfo>>> lists = set.calls().onAll(set.drives(), ShardStore::listVolumes);
        Map<String, List<VolumeInfo>> seen = new TreeMap<>();
        for (DriveCalls.Outcome<List<VolumeInfo>> o : lists) {
            if (o.ok()) {
                for (VolumeInfo v : o.value()) {
                    seen.computeIfAbsent(v.name(), x -> new ArrayList<>()).add(v);
                }
            }
        }
        List<BucketInfo> out = new ArrayList<>();
        seen.forEach((name, infos) -> {
            if (infos.size() >= set.bucketReadQuorum()) {
                out.add(new BucketInfo(name, infos.stream().map(VolumeInfo::created)
                        .min(Comparator.naturalOrder()).orElseThrow()));
            }
        });
        return out;
    }

    /** Removes the bucket's volume everywhere; the caller has checked that no object is left. */
    void delete(String bucket) {
        existing.remove(bucket);
        versioning.remove(bucket);
        List<DriveCalls.Outcome<Boolean>> deleted = set.calls().onAll(set.drives(), d -> {
            d.deleteVolumeRecursively(bucket);
            return Boolean.TRUE;
        });
        if (DriveCalls.countOk(deleted) < set.bucketWriteQuorum()) {
            throw new QuorumException("bucket " + bucket + " deleted on too few drives");
        }
        existing.remove(bucket); // a head that raced the delete may have seen it still there
    }

    Optional<String> config(String bucket, String name) {
        ManifestQuorum.Resolved r = set.manifests().read(set.drives(), ErasureSet.SYSTEM_VOLUME,
                configKey(bucket, name), set.bucketReadQuorum());
        if (!r.exists()) {
            return Optional.empty();
        }
        return r.manifest().latest().map(v -> v.metadata().get("value"));
    }

    void putConfig(String bucket, String name, String value) {
        writeConfig(bucket, name, value);
        versioning.remove(bucket);
    }

    void deleteConfig(String bucket, String name) {
        writeConfig(bucket, name, null);
        versioning.remove(bucket);
    }

    /** The bucket's versioning state; cached briefly, as every write asks for it. */
    Versioning versioning(String bucket) {
        long now = set.clock().millis();
        CachedVersioning c = versioning.get(bucket);
        if (c == null || now - c.readAt() > VERSIONING_TTL_MILLIS) {
            c = new CachedVersioning(Versioning.of(config(bucket, Versioning.CONFIG).orElse(null)), now);
            versioning.put(bucket, c);
        }
        return c.state();
    }

    /** Removes every configuration document of a bucket (on bucket deletion). */
    void deleteAllConfig(String bucket) {
        String prefix = "buckets/" + bucket + "/";
        set.calls().onAll(set.drives(), d -> {
            for (String key : d.list(ErasureSet.SYSTEM_VOLUME, prefix, "", 10_000).keys()) {
                d.deleteManifest(ErasureSet.SYSTEM_VOLUME, key);
            }
            return null;
        });
    }

    /**
     * Brings buckets back onto drives that lack them (an empty drive put in place of a lost one): the volume
     * of every bucket a quorum knows, and every configuration document a quorum agrees on. Objects are the
     * heal scan's. Returns how many volumes and documents were restored.
     */
    int heal() {
        int restored = 0;
        for (BucketInfo b : list()) {
            List<DriveCalls.Outcome<Boolean>> created = set.calls().onAll(set.drives(), d -> {
                d.createVolume(b.name());
                return Boolean.TRUE;
            });
            restored += (int) DriveCalls.countOk(created);
        }
        MergedKeys keys = new MergedKeys(set.drives(), ErasureSet.SYSTEM_VOLUME, "buckets/", "", 0);
        for (String key = keys.next(); key != null; key = keys.next()) {
            KeyLockService.Lease lease = set.lock(ErasureSet.SYSTEM_VOLUME, key);
            try {
                ManifestQuorum.Resolved r = set.manifests().read(set.drives(), ErasureSet.SYSTEM_VOLUME, key,
                        set.bucketReadQuorum());
                if (r.exists()) {
                    boolean[] stale = new boolean[set.drives().size()];
                    for (int i = 0; i < stale.length; i++) {
                        stale[i] = r.reachable()[i] && !r.agrees()[i];
                    }
                    restored += ManifestQuorum.count(set.manifests().write(set.drives(), stale,
                            ErasureSet.SYSTEM_VOLUME, key, r.bytes(), lease.token(), null));
                }
            } catch (QuorumException e) {
                // no agreement to restore from: left as it is
            } finally {
                set.unlock(lease);
            }
        }
        return restored;
    }

    private void writeConfig(String bucket, String name, String value) {
        String key = configKey(bucket, name);
        KeyLockService.Lease lease = set.lock(ErasureSet.SYSTEM_VOLUME, key);
        try {
            Manifest next = value == null ? null : Manifest.empty().withNewest(new Manifest.Version(
                    Manifest.NULL_VERSION, false, set.clock().millis(), value.getBytes(StandardCharsets.UTF_8).length,
                    null, 0, 0, 0, Map.of("value", value), List.of()));
            set.commitManifest(set.drives(), ErasureSet.all(set.drives().size()), ErasureSet.SYSTEM_VOLUME, key,
                    next, null, lease, set.bucketWriteQuorum());
        } finally {
            set.unlock(lease);
        }
    }

    private static String configKey(String bucket, String name) {
        return "buckets/" + bucket + "/" + name;
    }
}
