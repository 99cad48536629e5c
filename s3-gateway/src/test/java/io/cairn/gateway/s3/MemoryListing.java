package io.cairn.gateway.s3;

import io.cairn.object.ListRequest;
import io.cairn.object.ListResult;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** ListObjects and ListObjectVersions over one {@link MemoryBucket}'s keys, paged the way S3 pages. */
final class MemoryListing {

    private MemoryListing() {
    }

    static ListResult objects(NavigableMap<String, List<MemoryBucket.Stored>> keys, ListRequest req) {
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (req.maxKeys() <= 0) {
            return new ListResult(objects, prefixes, false, null);
        }
        // resuming after a common prefix skips every key it rolled up
        String skip = commonPrefix(req.prefix(), req.delimiter(), req.startAfter());
        if (skip != null && !skip.equals(req.startAfter())) {
            skip = null;
        }
        String last = null;
        for (Map.Entry<String, List<MemoryBucket.Stored>> e : keys.tailMap(req.startAfter(), false).entrySet()) {
            String key = e.getKey();
            ObjectInfo current = e.getValue().get(0).info();
            if (!key.startsWith(req.prefix()) || skip != null && key.startsWith(skip)) {
                continue;
            }
            String cp = commonPrefix(req.prefix(), req.delimiter(), key);
            if (cp != null && cp.equals(last) || cp == null && current.deleteMarker()) {
                continue;
            }
            if (objects.size() + prefixes.size() == req.maxKeys()) {
                return new ListResult(objects, prefixes, true, last);
            }
            if (cp != null) {
                prefixes.add(cp);
                last = cp;
            } else {
                objects.add(current);
                last = key;
            }
        }
        return new ListResult(objects, prefixes, false, null);
    }

    static ListVersionsResult versions(NavigableMap<String, List<MemoryBucket.Stored>> keys, String prefix,
                                       String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String km = keyMarker == null ? "" : keyMarker;
        boolean resumeInKey = !km.isEmpty() && versionIdMarker != null && !versionIdMarker.isEmpty();
        List<ListVersionsResult.Entry> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys <= 0) {
            return new ListVersionsResult(out, prefixes, false, null, null);
        }
        String lastKey = null;
        String lastVersion = null;
        String lastPrefix = null;
        for (Map.Entry<String, List<MemoryBucket.Stored>> e : keys.tailMap(km, resumeInKey).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p)) {
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
            boolean skipping = key.equals(km) && resumeInKey;
            List<MemoryBucket.Stored> versions = e.getValue();
            for (int i = 0; i < versions.size(); i++) {
                ObjectInfo v = versions.get(i).info();
                if (skipping) {
                    skipping = !v.versionId().equals(versionIdMarker);
                    continue;
                }
                if (out.size() + prefixes.size() == maxKeys) {
                    return new ListVersionsResult(out, prefixes, true, lastKey, lastVersion);
                }
                out.add(new ListVersionsResult.Entry(v, i == 0));
                lastKey = key;
                lastVersion = v.versionId();
            }
        }
        return new ListVersionsResult(out, prefixes, false, null, null);
    }

    /** The common prefix {@code key} rolls up into, or null when it is listed as itself. */
    static String commonPrefix(String prefix, String delimiter, String key) {
        if (delimiter == null || !key.startsWith(prefix)) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }
}
