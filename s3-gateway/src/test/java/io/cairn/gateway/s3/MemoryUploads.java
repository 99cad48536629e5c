package io.cairn.gateway.s3;

import io.cairn.object.CompletedPart;
import io.cairn.object.EntityTooSmallException;
import io.cairn.object.InvalidArgumentException;
import io.cairn.object.InvalidPartException;
import io.cairn.object.InvalidPartOrderException;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ListUploadsResult;
import io.cairn.object.PartInfo;
import io.cairn.object.UploadNotFoundException;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The multipart uploads of {@link MemoryObjectService}: their parts until completion assembles them into
 * one object. Not thread-safe; the service's lock guards it.
 */
final class MemoryUploads {

    /** An upload in progress; {@code parts} by part number. */
    record Upload(String bucket, String key, String uploadId, Instant initiated, Map<String, String> metadata,
                  TreeMap<Integer, Part> parts) {
    }

    record Part(PartInfo info, byte[] data) {
    }

    /** What completion makes of the chosen parts: the object's bytes, multipart ETag and part sizes. */
    record Assembled(byte[] data, String etag, List<Long> partSizes, Map<String, String> metadata) {
    }

    private final long minPartSize;
    private final Map<String, Upload> uploads = new HashMap<>();

    MemoryUploads(long minPartSize) {
        this.minPartSize = minPartSize;
    }

    String create(String bucket, String key, Map<String, String> metadata) {
        // the erasure-coded layer's ids are hex too, and it refuses any other shape as unknown
        String id = UUID.randomUUID().toString().replace("-", "");
        uploads.put(id, new Upload(bucket, key, id, Instant.now(), Map.copyOf(metadata), new TreeMap<>()));
        return id;
    }

    Upload get(String bucket, String key, String uploadId) {
        Upload u = uploads.get(uploadId);
        if (u == null || !u.bucket().equals(bucket) || !u.key().equals(key)) {
            throw new UploadNotFoundException("upload " + uploadId + " does not exist");
        }
        return u;
    }

    PartInfo putPart(String bucket, String key, String uploadId, int number, byte[] data, String etag,
                     Map<String, String> metadata) {
        PartInfo info = new PartInfo(number, etag, data.length, Instant.now(), metadata);
        get(bucket, key, uploadId).parts().put(number, new Part(info, data));
        return info;
    }

    ListPartsResult listParts(String bucket, String key, String uploadId, int marker, int maxParts) {
        List<PartInfo> out = new ArrayList<>();
        for (Part p : get(bucket, key, uploadId).parts().tailMap(marker, false).values()) {
            if (out.size() == maxParts) {
                return new ListPartsResult(out, true, out.get(out.size() - 1).partNumber());
            }
            out.add(p.info());
        }
        return new ListPartsResult(out, false, out.isEmpty() ? 0 : out.get(out.size() - 1).partNumber());
    }

    /** Checks the requested parts as S3 does and joins them; the upload stays until {@link #remove}. */
    Assembled assemble(String bucket, String key, String uploadId, List<CompletedPart> requested) {
        Upload u = get(bucket, key, uploadId);
        if (requested.isEmpty()) {
            throw new InvalidArgumentException("the upload must name at least one part");
        }
        List<Part> chosen = new ArrayList<>();
        int previous = 0;
        for (CompletedPart c : requested) {
            if (c.partNumber() <= previous) {
                throw new InvalidPartOrderException("parts must be listed in ascending order");
            }
            previous = c.partNumber();
            Part p = u.parts().get(c.partNumber());
            if (p == null || c.etag() == null || !p.info().etag().equals(unquoted(c.etag()))) {
                throw new InvalidPartException("part " + c.partNumber() + " was not uploaded or its ETag differs");
            }
            chosen.add(p);
        }
        for (Part p : chosen.subList(0, chosen.size() - 1)) {
            if (p.info().size() < minPartSize) {
                throw new EntityTooSmallException("part " + p.info().partNumber() + " is smaller than "
                        + minPartSize + " bytes");
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        MessageDigest md5s = MemoryObjectService.md5();
        for (Part p : chosen) {
            data.writeBytes(p.data());
            md5s.update(HexFormat.of().parseHex(p.info().etag()));
        }
        return new Assembled(data.toByteArray(), HexFormat.of().formatHex(md5s.digest()) + "-" + chosen.size(),
                chosen.stream().map(p -> p.info().size()).toList(), u.metadata());
    }

    void remove(String bucket, String key, String uploadId) {
        uploads.remove(get(bucket, key, uploadId).uploadId());
    }

    void deleteAll(String bucket) {
        uploads.values().removeIf(u -> u.bucket().equals(bucket));
    }

    ListUploadsResult list(String bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker,
                           int maxUploads) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<Upload> all = uploads.values().stream()
                .filter(u -> u.bucket().equals(bucket) && u.key().startsWith(p) && after(u, keyMarker, uploadIdMarker))
                .sorted(Comparator.comparing(Upload::key, MemoryBucket.KEY_ORDER).thenComparing(Upload::initiated)
                        .thenComparing(Upload::uploadId))
                .toList();
        List<ListUploadsResult.Upload> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastId = null;
        for (Upload u : all) {
            String cp = MemoryListing.commonPrefix(p, d, u.key());
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
                out.add(new ListUploadsResult.Upload(u.key(), u.uploadId(), u.initiated()));
                lastKey = u.key();
                lastId = u.uploadId();
            }
        }
        return new ListUploadsResult(out, prefixes, false, null, null);
    }

    private static boolean after(Upload u, String keyMarker, String uploadIdMarker) {
        if (keyMarker == null || keyMarker.isEmpty()) {
            return true;
        }
        int c = MemoryBucket.KEY_ORDER.compare(u.key(), keyMarker);
        if (uploadIdMarker == null || uploadIdMarker.isEmpty()) {
            return c > 0;
        }
        return c > 0 || c == 0 && u.uploadId().compareTo(uploadIdMarker) > 0;
    }

    private static String unquoted(String etag) {
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
