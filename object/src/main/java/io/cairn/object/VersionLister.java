package io.cairn.object;

import io.cairn.storage.CorruptShardException;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjectVersions: every version and delete marker of the keys in a bucket, keys in S3 order and
 * versions newest first, resolved by read quorum like every read.
 */
final class VersionLister {

    private final ErasureSet set;

    VersionLister(ErasureSet set) {
        this.set = set;
    }

    ListVersionsResult list(String bucket, String prefix, String delimiter, String keyMarker,
                            String versionIdMarker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String km = keyMarker == null ? "" : keyMarker;
        boolean resumeInKey = !km.isEmpty() && versionIdMarker != null && !versionIdMarker.isEmpty();
        List<ListVersionsResult.Entry> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys <= 0) {
            return new ListVersionsResult(out, prefixes, false, null, null);
        }
        // Start at the marker key itself when resuming inside its versions.
        String startAfter = resumeInKey ? predecessorBound(km) : km;
        MergedKeys keys = new MergedKeys(set.drives(), bucket, p, startAfter, set.bucketReadQuorum());
        String lastKey = null;
        String lastVersion = null;
        String lastPrefix = null;
        for (String key = keys.next(); key != null; key = keys.next()) {
            if (KeyOrder.compare(key, km) < 0 || key.equals(km) && !resumeInKey) {
                continue;
            }
            String cp = commonPrefix(p, d, key);
            if (cp != null) {
                if (cp.equals(lastPrefix) || cp.equals(km)) {
                    continue;
                }
                if (out.size() + prefixes.size() == maxKeys) {
                    return new ListVersionsResult(out, prefixes, true, lastKey, lastVersion);
                }
                prefixes.add(cp);
                lastPrefix = cp;
                lastKey = cp;
                lastVersion = null;
                continue;
            }
            List<Manifest.Version> versions = versionsOf(bucket, key);
            boolean skipping = key.equals(km) && resumeInKey;
            for (int i = 0; i < versions.size(); i++) {
                Manifest.Version v = versions.get(i);
                if (skipping) {
                    skipping = !v.versionId().equals(versionIdMarker);
                    continue;
                }
                if (out.size() + prefixes.size() == maxKeys) {
                    return new ListVersionsResult(out, prefixes, true, lastKey, lastVersion);
                }
                out.add(new ListVersionsResult.Entry(ObjectReads.info(bucket, key, v), i == 0));
                lastKey = key;
                lastVersion = v.versionId();
            }
        }
        return new ListVersionsResult(out, prefixes, false, null, null);
    }

    /** Whether the bucket holds any version or delete marker at all. */
    boolean any(String bucket) {
        return !list(bucket, "", null, "", null, 1).versions().isEmpty();
    }

    private List<Manifest.Version> versionsOf(String bucket, String key) {
        try {
            ManifestQuorum.Resolved r = set.readManifest(set.placement(bucket, key), bucket, key);
            return r.exists() ? r.manifest().versions() : List.of();
        } catch (QuorumException | CorruptShardException e) {
            return List.of();
        }
    }

    private static String commonPrefix(String prefix, String delimiter, String key) {
        if (delimiter == null || !key.startsWith(prefix)) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    /** A string strictly before {@code key} and after every key that sorts before it (its prefix chars). */
    private static String predecessorBound(String key) {
        return key.substring(0, key.length() - 1);
    }
}
