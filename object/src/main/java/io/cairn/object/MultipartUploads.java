package io.cairn.object;

import io.cairn.storage.ShardStore;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Multipart uploads. An upload is a manifest in the system volume (key {@code multipart/<bucket>/<id>})
 * whose single version lists the uploaded parts. Each part is erasure-coded on the final object's
 * placement into its own data directory, so completion only moves directories on each drive and writes
 * the object's manifest: no data is copied.
 */
final class MultipartUploads {

    static final String UPLOAD_KEY = "x-cairn-upload-key";
    private static final String SYS = ErasureSet.SYSTEM_VOLUME;

    private final ErasureSet set;
    private final ObjectWrites writes;
    private final long minPartSize;

    MultipartUploads(ErasureSet set, ObjectWrites writes, long minPartSize) {
        this.set = set;
        this.writes = writes;
        this.minPartSize = minPartSize;
    }

    String create(String bucket, String key, Map<String, String> metadata) {
        String uploadId = UUID.randomUUID().toString().replace("-", "")
                + Long.toHexString(set.clock().millis());
        Map<String, String> meta = new HashMap<>(metadata);
        meta.put(UPLOAD_KEY, key);
        Manifest.Version v = new Manifest.Version(uploadId, false, set.clock().millis(), 0, null, 0, 0, 0, meta,
                List.of());
        String uploadKey = uploadKey(bucket, uploadId);
        KeyLockService.Lease lease = set.lock(SYS, uploadKey);
        try {
            set.commitManifest(set.placement(bucket, key), ErasureSet.all(set.drives().size()), SYS, uploadKey,
                    Manifest.empty().withNewest(v), null, lease);
        } finally {
            set.unlock(lease);
        }
        return uploadId;
    }

    PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, InputStream body, long size,
                        Map<String, String> partMetadata) {
        if (partNumber < 1 || partNumber > 10_000) {
            throw new InvalidArgumentException("part number must be an integer between 1 and 10000");
        }
        List<ShardStore> placement = set.placement(bucket, key);
        read(bucket, key, uploadId, placement);
        String uploadKey = uploadKey(bucket, uploadId);
        String dataDir = ObjectWrites.newDataDir();
        PartWriter.Written w = set.partWriter().write(placement, SYS, uploadKey, dataDir, "part." + partNumber,
                body, size);
        String etag = HexFormat.of().formatHex(w.md5());
        Manifest.Part part = new Manifest.Part(partNumber, w.size(), etag, dataDir, set.clock().millis(),
                partMetadata);
        String replaced = null;
        KeyLockService.Lease lease = set.lock(SYS, uploadKey);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, SYS, uploadKey);
            if (!cur.exists()) {
                set.deleteData(placement, SYS, uploadKey, List.of(dataDir));
                throw new UploadNotFoundException("upload " + uploadId + " does not exist");
            }
            Manifest.Version v = cur.manifest().latest().orElseThrow();
            List<Manifest.Part> parts = new ArrayList<>();
            for (Manifest.Part p : v.parts()) {
                if (p.number() == partNumber) {
                    replaced = p.dataDir();
                } else {
                    parts.add(p);
                }
            }
            parts.add(part);
            parts.sort(Comparator.comparingInt(Manifest.Part::number));
            Manifest.Version next = new Manifest.Version(v.versionId(), false, v.mtime(), 0, null, 0, 0, 0,
                    v.metadata(), parts);
            set.commitManifest(placement, w.committed(), SYS, uploadKey, Manifest.empty().withNewest(next), cur,
                    lease);
        } catch (CommitNotUndoneException e) {
            throw e; // the upload may list the part on some drive: its data stays
        } catch (RuntimeException e) {
            set.deleteData(placement, SYS, uploadKey, List.of(dataDir));
            throw e;
        } finally {
            set.unlock(lease);
        }
        if (replaced != null) {
            set.deleteData(placement, SYS, uploadKey, List.of(replaced));
        }
        return partInfo(part);
    }

    Map<String, String> metadata(String bucket, String key, String uploadId) {
        Map<String, String> meta = new HashMap<>(read(bucket, key, uploadId, set.placement(bucket, key)).metadata());
        meta.remove(UPLOAD_KEY);
        return meta;
    }

    ListPartsResult listParts(String bucket, String key, String uploadId, int marker, int maxParts) {
        Manifest.Version v = read(bucket, key, uploadId, set.placement(bucket, key));
        List<PartInfo> out = new ArrayList<>();
        for (Manifest.Part p : v.parts()) {
            if (p.number() <= marker) {
                continue;
            }
            if (out.size() == maxParts) {
                return new ListPartsResult(out, true, out.get(out.size() - 1).partNumber());
            }
            out.add(partInfo(p));
        }
        return new ListPartsResult(out, false, out.isEmpty() ? 0 : out.get(out.size() - 1).partNumber());
    }

    ObjectInfo complete(String bucket, String key, String uploadId, List<CompletedPart> requested,
                        PutOptions options, Versioning versioning) {
        List<ShardStore> placement = set.placement(bucket, key);
        String uploadKey = uploadKey(bucket, uploadId);
        KeyLockService.Lease lease = set.lock(SYS, uploadKey);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, SYS, uploadKey);
            Manifest.Version upload = uploadVersion(cur, key, uploadId);
            List<Manifest.Part> chosen = choose(upload, requested);
            MessageDigest md5 = PartWriter.md5();
            long size = 0;
            for (Manifest.Part p : chosen) {
                md5.update(HexFormat.of().parseHex(p.etag()));
                size += p.size();
            }
            String etag = HexFormat.of().formatHex(md5.digest()) + "-" + chosen.size();
            writes.precheck(bucket, key, options);
            boolean[] moved = moveParts(placement, uploadKey, bucket, key, chosen);
            CrashPoints.pass("multipart.after-move");
            Map<String, String> meta = new HashMap<>(upload.metadata());
            meta.remove(UPLOAD_KEY);
            meta.putAll(options.finalMetadata());
            ObjectInfo info;
            try {
                info = writes.commitVersion(bucket, key, placement, moved, size, etag, chosen,
                        new PutOptions(meta, options.ifNoneMatchAny(), options.ifMatchEtag()), versioning);
            } catch (CommitNotUndoneException e) {
                throw e; // the object may name the parts on some drive: they stay
            } catch (RuntimeException e) {
                set.deleteData(placement, bucket, key, chosen.stream().map(Manifest.Part::dataDir).toList());
                throw e;
            }
            CrashPoints.pass("multipart.after-commit");
            set.commitManifest(placement, ErasureSet.all(placement.size()), SYS, uploadKey, null, cur, lease);
            Set<String> used = new TreeSet<>(chosen.stream().map(Manifest.Part::dataDir).toList());
            set.deleteData(placement, SYS, uploadKey,
                    upload.parts().stream().map(Manifest.Part::dataDir).filter(d -> !used.contains(d)).toList());
            return info;
        } finally {
            set.unlock(lease);
        }
    }

    void abort(String bucket, String key, String uploadId) {
        List<ShardStore> placement = set.placement(bucket, key);
        String uploadKey = uploadKey(bucket, uploadId);
        KeyLockService.Lease lease = set.lock(SYS, uploadKey);
        try {
            ManifestQuorum.Resolved cur = set.readManifest(placement, SYS, uploadKey);
            Manifest.Version upload = uploadVersion(cur, key, uploadId);
            set.commitManifest(placement, ErasureSet.all(placement.size()), SYS, uploadKey, null, cur, lease);
            CrashPoints.pass("multipart.abort.after-manifest");
            set.deleteData(placement, SYS, uploadKey, upload.parts().stream().map(Manifest.Part::dataDir).toList());
        } finally {
            set.unlock(lease);
        }
    }

    ListUploadsResult list(String bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker,
                           int maxUploads) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<ListUploadsResult.Upload> all = new ArrayList<>();
        MergedKeys keys = new MergedKeys(set.drives(), SYS, "multipart/" + bucket + "/", "",
                set.bucketReadQuorum());
        for (String k = keys.next(); k != null; k = keys.next()) {
            try {
                ManifestQuorum.Resolved r = set.readManifest(set.drives(), SYS, k);
                r.manifest().latest().ifPresent(v -> all.add(new ListUploadsResult.Upload(
                        v.metadata().get(UPLOAD_KEY), v.versionId(), Instant.ofEpochMilli(v.mtime()))));
            } catch (RuntimeException e) {
                // an upload being completed or aborted right now, or one without quorum: not listed
            }
        }
        all.sort(Comparator.comparing(ListUploadsResult.Upload::key, KeyOrder.UTF8)
                .thenComparing(ListUploadsResult.Upload::initiated).thenComparing(ListUploadsResult.Upload::uploadId));
        List<ListUploadsResult.Upload> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastId = null;
        for (ListUploadsResult.Upload u : all) {
            if (u.key() == null || !u.key().startsWith(p) || !afterMarker(u, keyMarker, uploadIdMarker)) {
                continue;
            }
            String cp = null;
            if (d != null) {
                int at = u.key().indexOf(d, p.length());
                cp = at < 0 ? null : u.key().substring(0, at + d.length());
            }
            if (cp != null && prefixes.contains(cp)) {
                continue;
            }
            if (out.size() + prefixes.size() == maxUploads) {
                return new ListUploadsResult(out, prefixes, true, lastKey, lastId);
            }
            if (cp != null) {
                prefixes.add(cp);
                lastKey = cp;
                lastId = null;
            } else {
                out.add(u);
                lastKey = u.key();
                lastId = u.uploadId();
            }
        }
        return new ListUploadsResult(out, prefixes, false, null, null);
    }

    /** Whether any upload is in progress in the bucket. */
    boolean anyUploads(String bucket) {
        return new MergedKeys(set.drives(), SYS, "multipart/" + bucket + "/", "", 0).next() != null;
    }

    /** Removes every upload of a deleted bucket. */
    void deleteAll(String bucket) {
        MergedKeys keys = new MergedKeys(set.drives(), SYS, "multipart/" + bucket + "/", "", 0);
        for (String k = keys.next(); k != null; k = keys.next()) {
            String key = k;
            set.calls().onAll(set.drives(), d -> {
                d.deleteManifest(SYS, key);
                return null;
            });
        }
    }

    private static boolean afterMarker(ListUploadsResult.Upload u, String keyMarker, String uploadIdMarker) {
        if (keyMarker == null || keyMarker.isEmpty()) {
            return true;
        }
        int c = KeyOrder.compare(u.key(), keyMarker);
        if (uploadIdMarker == null || uploadIdMarker.isEmpty()) {
            return c > 0;
        }
        return c > 0 || c == 0 && u.uploadId().compareTo(uploadIdMarker) > 0;
    }

    private boolean[] moveParts(List<ShardStore> placement, String uploadKey, String bucket, String key,
                                List<Manifest.Part> parts) {
        List<DriveCalls.Outcome<Boolean>> outcomes = set.calls().onAll(placement, d -> {
            for (Manifest.Part p : parts) {
                d.moveDataDir(SYS, uploadKey, p.dataDir(), bucket, key);
            }
            return Boolean.TRUE;
        });
        boolean[] ok = new boolean[placement.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = outcomes.get(i).ok();
        }
        if (ManifestQuorum.count(ok) < set.writeQuorum()) {
            throw new QuorumException("parts of upload moved on too few drives");
        }
        return ok;
    }

    private List<Manifest.Part> choose(Manifest.Version upload, List<CompletedPart> requested) {
        if (requested.isEmpty()) {
            throw new InvalidArgumentException("the upload must name at least one part");
        }
        Map<Integer, Manifest.Part> byNumber = new HashMap<>();
        upload.parts().forEach(p -> byNumber.put(p.number(), p));
        List<Manifest.Part> chosen = new ArrayList<>();
        int previous = 0;
        for (CompletedPart c : requested) {
            if (c.partNumber() <= previous) {
                throw new InvalidPartOrderException("parts must be listed in ascending order");
            }
            previous = c.partNumber();
            Manifest.Part p = byNumber.get(c.partNumber());
            if (p == null || c.etag() == null || !p.etag().equals(stripQuotes(c.etag()))) {
                throw new InvalidPartException("part " + c.partNumber() + " was not uploaded or its ETag differs");
            }
            chosen.add(p);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < minPartSize) {
                throw new EntityTooSmallException("part " + chosen.get(i).number() + " is smaller than "
                        + minPartSize + " bytes");
            }
        }
        return chosen;
    }

    private Manifest.Version read(String bucket, String key, String uploadId, List<ShardStore> placement) {
        return uploadVersion(set.readManifest(placement, SYS, uploadKey(bucket, uploadId)), key, uploadId);
    }

    private static Manifest.Version uploadVersion(ManifestQuorum.Resolved r, String key, String uploadId) {
        Manifest.Version v = r.exists() ? r.manifest().latest().orElse(null) : null;
        if (v == null || !key.equals(v.metadata().get(UPLOAD_KEY))) {
            throw new UploadNotFoundException("upload " + uploadId + " does not exist");
        }
        return v;
    }

    private static PartInfo partInfo(Manifest.Part p) {
        return new PartInfo(p.number(), p.etag(), p.size(), Instant.ofEpochMilli(p.mtime()), p.metadata());
    }

    private static String stripQuotes(String etag) {
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    static String uploadKey(String bucket, String uploadId) {
        if (!uploadId.matches("[0-9a-f]{16,64}")) {
            throw new UploadNotFoundException("upload " + uploadId + " does not exist");
        }
        return "multipart/" + bucket + "/" + uploadId;
    }
}
