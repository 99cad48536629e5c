package io.cairn.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists a bucket: merges the drives' sorted key listings, resolves each key's current version by read
 * quorum (stale or deleted leftovers on single drives never show), and groups keys by delimiter.
 */
final class ObjectLister {

    private final ErasureSet set;
    private final ObjectReads reads;

    ObjectLister(ErasureSet set, ObjectReads reads) {
        this.set = set;
        this.reads = reads;
    }

    ListResult list(String bucket, ListRequest req) {
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (req.maxKeys() <= 0) {
            return new ListResult(objects, prefixes, false, null);
        }
        String skipPrefix = commonPrefix(req, req.startAfter());
        if (skipPrefix != null && !skipPrefix.equals(req.startAfter())) {
            skipPrefix = null;
        }
        MergedKeys keys = new MergedKeys(set.drives(), bucket, req.prefix(), req.startAfter(),
                set.bucketReadQuorum());
        String last = null;
        for (String key = keys.next(); key != null; key = keys.next()) {
            if (skipPrefix != null && key.startsWith(skipPrefix)) {
                continue;
            }
            String cp = commonPrefix(req, key);
            if (cp != null) {
                if (cp.equals(last)) {
                    continue;
                }
                if (objects.size() + prefixes.size() == req.maxKeys()) {
                    return new ListResult(objects, prefixes, true, last);
                }
                prefixes.add(cp);
                last = cp;
                skipPrefix = cp;
                continue;
            }
            Optional<ObjectInfo> info = reads.currentOrEmpty(bucket, key);
            if (info.isEmpty()) {
                continue;
            }
            if (objects.size() + prefixes.size() == req.maxKeys()) {
                return new ListResult(objects, prefixes, true, last);
            }
            objects.add(info.get());
            last = key;
        }
        return new ListResult(objects, prefixes, false, null);
    }

    /** The common prefix {@code key} rolls up into, or null when it is listed as itself. */
    private static String commonPrefix(ListRequest req, String key) {
        if (req.delimiter() == null || !key.startsWith(req.prefix())) {
            return null;
        }
        int at = key.indexOf(req.delimiter(), req.prefix().length());
        return at < 0 ? null : key.substring(0, at + req.delimiter().length());
    }
}
