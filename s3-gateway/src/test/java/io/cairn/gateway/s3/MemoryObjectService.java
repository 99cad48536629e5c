package io.cairn.gateway.s3;

import io.cairn.object.BucketExistsException;
import io.cairn.object.BucketInfo;
import io.cairn.object.BucketNotEmptyException;
import io.cairn.object.BucketNotFoundException;
import io.cairn.object.ByteRange;
import io.cairn.object.CompletedPart;
import io.cairn.object.DeleteResult;
import io.cairn.object.InvalidRangeException;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ListRequest;
import io.cairn.object.ListResult;
import io.cairn.object.ListUploadsResult;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectLayerException;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import io.cairn.object.PreconditionFailedException;
import io.cairn.object.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory object store for gateway tests: buckets, objects, listings; no multipart. */
public final class MemoryObjectService implements ObjectService {

    private final Map<String, Instant> buckets = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<String, Stored>> objects = new ConcurrentHashMap<>();
    private final Map<String, String> configs = new ConcurrentHashMap<>();
    private volatile int chunkSize = 64 * 1024;

    record Stored(byte[] data, ObjectInfo info) {
    }

    /** Makes GETs return chunks of at most {@code size} bytes. */
    public void chunkSize(int size) {
        chunkSize = size;
    }

    @Override
    public synchronized void createBucket(String bucket) {
        if (buckets.putIfAbsent(bucket, Instant.now()) != null) {
            throw new BucketExistsException(bucket);
        }
        objects.put(bucket, new TreeMap<>());
    }

    @Override
    public synchronized void deleteBucket(String bucket) {
        if (!bucket(bucket).isEmpty()) {
            throw new BucketNotEmptyException(bucket);
        }
        buckets.remove(bucket);
        objects.remove(bucket);
    }

    @Override
    public BucketInfo headBucket(String bucket) {
        Instant created = buckets.get(bucket);
        if (created == null) {
            throw new BucketNotFoundException(bucket);
        }
        return new BucketInfo(bucket, created);
    }

    @Override
    public List<BucketInfo> listBuckets() {
        return buckets.entrySet().stream().map(e -> new BucketInfo(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(BucketInfo::name)).toList();
    }

    @Override
    public Optional<String> getBucketConfig(String bucket, String name) {
        headBucket(bucket);
        return Optional.ofNullable(configs.get(bucket + "/" + name));
    }

    @Override
    public void putBucketConfig(String bucket, String name, String value) {
        headBucket(bucket);
        configs.put(bucket + "/" + name, value);
    }

    @Override
    public void deleteBucketConfig(String bucket, String name) {
        headBucket(bucket);
        configs.remove(bucket + "/" + name);
    }

    private TreeMap<String, Stored> bucket(String bucket) {
        TreeMap<String, Stored> b = objects.get(bucket);
        if (b == null) {
            throw new BucketNotFoundException(bucket);
        }
        return b;
    }

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream body, long size, PutOptions options) {
        bucket(bucket);
        byte[] data;
        try {
            data = body.readAllBytes();
        } catch (IOException e) {
            throw new ObjectLayerException("body failed", e);
        }
        if (size >= 0 && data.length != size) {
            throw new ObjectLayerException("body length " + data.length + " != " + size,
                    new IOException("short body"));
        }
        synchronized (this) {
            TreeMap<String, Stored> b = bucket(bucket);
            Stored old = b.get(key);
            if (options.ifNoneMatchAny() && old != null) {
                throw new PreconditionFailedException(key);
            }
            if (options.ifMatchEtag() != null && (old == null || !old.info().etag().equals(options.ifMatchEtag()))) {
                throw new PreconditionFailedException(key);
            }
            ObjectInfo info = new ObjectInfo(bucket, key, "null", data.length, md5(data), Instant.now(),
                    options.metadata(), false, List.of());
            b.put(key, new Stored(data, info));
            return info;
        }
    }

    /** Stores a version as given, for versions only the erasure-coded layer writes (multipart objects). */
    public synchronized void store(ObjectInfo info, byte[] data) {
        bucket(info.bucket()).put(info.key(), new Stored(data, info));
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Stored stored(String bucket, String key) {
        Stored s = bucket(bucket).get(key);
        if (s == null) {
            throw new ObjectNotFoundException(key);
        }
        return s;
    }

    @Override
    public ObjectInfo headObject(String bucket, String key, String versionId) {
        return stored(bucket, key).info();
    }

    @Override
    public ObjectContent getObject(String bucket, String key, String versionId, ByteRange range) {
        Stored s = stored(bucket, key);
        long[] r = range == null ? new long[] {0, s.data().length} : range.resolve(s.data().length);
        if (r == null) {
            throw new InvalidRangeException(key);
        }
        int chunk = chunkSize;
        return new ObjectContent() {
            private long pos = r[0];

            @Override
            public ObjectInfo info() {
                return s.info();
            }

            @Override
            public long offset() {
                return r[0];
            }

            @Override
            public long length() {
                return r[1];
            }

            @Override
            public ByteBuffer next() {
                long end = r[0] + r[1];
                if (pos >= end) {
                    return null;
                }
                int n = (int) Math.min(chunk, end - pos);
                ByteBuffer b = ByteBuffer.wrap(s.data(), (int) pos, n).slice();
                pos += n;
                return b;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized DeleteResult deleteObject(String bucket, String key, String versionId) {
        bucket(bucket).remove(key);
        return new DeleteResult("null", false);
    }

    @Override
    public synchronized ObjectInfo updateMetadata(String bucket, String key, String versionId,
                                                  Map<String, String> metadata) {
        Stored s = stored(bucket, key);
        ObjectInfo i = s.info();
        ObjectInfo n = new ObjectInfo(i.bucket(), i.key(), i.versionId(), i.size(), i.etag(), i.lastModified(),
                metadata, false, i.partSizes());
        bucket(bucket).put(key, new Stored(s.data(), n));
        return n;
    }

    /** This fake keeps one version per key: every object is listed as its key's latest, null version. */
    @Override
    public synchronized io.cairn.object.ListVersionsResult listObjectVersions(String bucket, String prefix,
            String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {
        ListResult r = listObjects(bucket, new ListRequest(prefix, delimiter, keyMarker, maxKeys));
        return new io.cairn.object.ListVersionsResult(r.objects().stream()
                .map(o -> new io.cairn.object.ListVersionsResult.Entry(o, true)).toList(),
                r.commonPrefixes(), r.truncated(), r.nextMarker(), null);
    }

    @Override
    public synchronized ListResult listObjects(String bucket, ListRequest request) {
        List<ObjectInfo> out = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Stored> e : bucket(bucket).tailMap(request.startAfter(), false).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(request.prefix())) {
                continue;
            }
            String entry = null;
            if (request.delimiter() != null) {
                int d = key.indexOf(request.delimiter(), request.prefix().length());
                if (d >= 0) {
                    entry = key.substring(0, d + request.delimiter().length());
                    if (prefixes.contains(entry) || (last != null && last.equals(entry))) {
                        continue;
                    }
                }
            }
            if (out.size() + prefixes.size() >= request.maxKeys()) {
                truncated = true;
                break;
            }
            if (entry != null) {
                prefixes.add(entry);
                last = entry;
            } else {
                out.add(e.getValue().info());
                last = key;
            }
        }
        return new ListResult(out, new ArrayList<>(prefixes), truncated, truncated ? last : null);
    }

    @Override
    public String createMultipartUpload(String bucket, String key, Map<String, String> metadata) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, InputStream body,
                               long size, Map<String, String> partMetadata) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListPartsResult listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> uploadMetadata(String bucket, String key, String uploadId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ObjectInfo completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
                                              PutOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ListUploadsResult listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                                  String uploadIdMarker, int maxUploads) {
        throw new UnsupportedOperationException();
    }
}
