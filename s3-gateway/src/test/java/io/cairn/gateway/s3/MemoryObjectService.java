package io.cairn.gateway.s3;

import io.cairn.object.BodyReadException;
import io.cairn.object.BucketExistsException;
import io.cairn.object.BucketInfo;
import io.cairn.object.BucketNotEmptyException;
import io.cairn.object.BucketNotFoundException;
import io.cairn.object.ByteRange;
import io.cairn.object.CompletedPart;
import io.cairn.object.DeleteMarkerException;
import io.cairn.object.DeleteOptions;
import io.cairn.object.DeleteResult;
import io.cairn.object.InvalidArgumentException;
import io.cairn.object.InvalidRangeException;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ListRequest;
import io.cairn.object.ListResult;
import io.cairn.object.ListUploadsResult;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectLock;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import io.cairn.object.PreconditionFailedException;
import io.cairn.object.PutOptions;
import io.cairn.object.VersionNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An in-memory {@link ObjectService} for gateway tests: buckets and their configuration, versions and
 * delete markers, listings, multipart uploads and conditional writes, with the erasure-coded layer's
 * answers (the shared contract test holds both to them). One lock guards everything; bodies are read
 * outside it.
 */
public final class MemoryObjectService implements ObjectService {

    /** S3's minimum size of every part but the last, as the erasure-coded layer enforces it. */
    private static final long DEFAULT_MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final Pattern VERSION_ID = Pattern.compile("null|[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, MemoryBucket> buckets = new TreeMap<>();
    private final MemoryUploads uploads;
    private long lastVersionMicros;
    private volatile int chunkSize = 64 * 1024;

    public MemoryObjectService() {
        this(DEFAULT_MIN_PART_SIZE);
    }

    /** Parts but the last must have at least {@code minPartSize} bytes. */
    public MemoryObjectService(long minPartSize) {
        this.uploads = new MemoryUploads(minPartSize);
    }

    /** Makes GETs return chunks of at most {@code size} bytes. */
    public void chunkSize(int size) {
        chunkSize = size;
    }

    // ---- buckets ----

    @Override
    public synchronized void createBucket(String bucket) {
        if (buckets.putIfAbsent(bucket, new MemoryBucket(Instant.now())) != null) {
            throw new BucketExistsException("bucket " + bucket + " already exists");
        }
    }

    @Override
    public synchronized void deleteBucket(String bucket) {
        if (!bucket(bucket).isEmpty()) {
            throw new BucketNotEmptyException("bucket " + bucket + " is not empty");
        }
        buckets.remove(bucket);
        uploads.deleteAll(bucket);
    }

    @Override
    public synchronized BucketInfo headBucket(String bucket) {
        return new BucketInfo(bucket, bucket(bucket).created());
    }

    @Override
    public synchronized List<BucketInfo> listBuckets() {
        return buckets.entrySet().stream().map(e -> new BucketInfo(e.getKey(), e.getValue().created())).toList();
    }

    @Override
    public synchronized Optional<String> getBucketConfig(String bucket, String name) {
        return Optional.ofNullable(bucket(bucket).config().get(name));
    }

    @Override
    public synchronized void putBucketConfig(String bucket, String name, String value) {
        bucket(bucket).config().put(name, value);
    }

    @Override
    public synchronized void deleteBucketConfig(String bucket, String name) {
        bucket(bucket).config().remove(name);
    }

    private MemoryBucket bucket(String bucket) {
        MemoryBucket b = buckets.get(bucket);
        if (b == null) {
            throw new BucketNotFoundException("bucket " + bucket + " does not exist");
        }
        return b;
    }

    // ---- objects ----

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream body, long size, PutOptions options) {
        headBucket(bucket);
        byte[] data = readBody(body, size);
        return commit(bucket, key, data, md5Hex(data), List.of(), options, Map.of());
    }

    /**
     * Makes {@code data} the key's newest version if the write's conditions hold now. The metadata is
     * {@code base}, then the request's, then what the body told.
     */
    private synchronized ObjectInfo commit(String bucket, String key, byte[] data, String etag, List<Long> partSizes,
                                           PutOptions options, Map<String, String> base) {
        MemoryBucket b = bucket(bucket);
        ObjectInfo current = b.current(key).orElse(null);
        if (options.ifNoneMatchAny() && current != null) {
            throw new PreconditionFailedException("the key already exists");
        }
        if (options.ifMatchEtag() != null && (current == null || !options.ifMatchEtag().equals(current.etag()))) {
            throw new PreconditionFailedException("the current ETag does not match");
        }
        Map<String, String> metadata = new HashMap<>(base);
        metadata.putAll(options.metadata());
        metadata.putAll(options.bodyMetadata().get());
        ObjectInfo info = new ObjectInfo(bucket, key, newVersionId(b.versioning()), data.length, etag, Instant.now(),
                metadata, false, partSizes);
        b.addNewest(new MemoryBucket.Stored(info, data));
        return info;
    }

    @Override
    public synchronized ObjectInfo headObject(String bucket, String key, String versionId) {
        return pick(bucket, key, versionId).info();
    }

    @Override
    public ObjectContent getObject(String bucket, String key, String versionId, ByteRange range) {
        MemoryBucket.Stored s;
        synchronized (this) {
            s = pick(bucket, key, versionId);
        }
        long[] r = range == null ? new long[] {0, s.data().length} : range.resolve(s.data().length);
        if (r == null) {
            throw new InvalidRangeException("range not satisfiable for an object of " + s.data().length + " bytes");
        }
        return new MemoryContent(s.info(), s.data(), r[0], r[1], chunkSize);
    }

    /** The version a read addresses: never a delete marker. */
    private MemoryBucket.Stored pick(String bucket, String key, String versionId) {
        checkVersionId(versionId);
        List<MemoryBucket.Stored> versions = bucket(bucket).versions(key);
        MemoryBucket.Stored v = versionId == null ? versions.stream().findFirst().orElse(null)
                : versions.stream().filter(x -> x.info().versionId().equals(versionId)).findFirst().orElse(null);
        if (v == null) {
            if (versionId != null) {
                throw new VersionNotFoundException("no version " + versionId + " of " + key, versionId);
            }
            throw new ObjectNotFoundException("no object " + bucket + "/" + key);
        }
        if (v.info().deleteMarker()) {
            if (versionId == null) {
                throw new ObjectNotFoundException(key + " is deleted", true, v.info().versionId());
            }
            throw new DeleteMarkerException("version " + versionId + " is a delete marker", versionId);
        }
        return v;
    }

    @Override
    public synchronized DeleteResult deleteObject(String bucket, String key, String versionId,
                                                  DeleteOptions options) {
        MemoryBucket b = bucket(bucket);
        checkVersionId(versionId);
        MemoryBucket.Versioning state = b.versioning();
        Instant expected = options.expectedModified();
        if (versionId != null || state == MemoryBucket.Versioning.UNVERSIONED) {
            String id = versionId == null ? "null" : versionId;
            Optional<MemoryBucket.Stored> old = b.versions(key).stream()
                    .filter(v -> v.info().versionId().equals(id)).findFirst();
            if (expected != null && old.filter(v -> v.info().lastModified().equals(expected)).isEmpty()) {
                throw new PreconditionFailedException("the version was changed since it was looked at");
            }
            old.ifPresent(v -> ObjectLock.checkRemoval(v.info().metadata(), Instant.now(),
                    options.bypassGovernance()));
            Optional<MemoryBucket.Stored> removed = b.remove(key, versionId == null ? "null" : versionId);
            return new DeleteResult(versionId, removed.map(s -> s.info().deleteMarker()).orElse(false));
        }
        if (expected != null && b.current(key).filter(i -> i.lastModified().equals(expected)).isEmpty()) {
            throw new PreconditionFailedException("the current version was changed since it was looked at");
        }
        ObjectInfo marker = new ObjectInfo(bucket, key, newVersionId(state), 0, null, Instant.now(), Map.of(),
                true, List.of());
        b.addNewest(new MemoryBucket.Stored(marker, new byte[0]));
        return new DeleteResult(marker.versionId(), true);
    }

    @Override
    public synchronized ObjectInfo updateMetadata(String bucket, String key, String versionId,
                                                  Map<String, String> metadata, boolean bypassGovernance) {
        MemoryBucket.Stored s = pick(bucket, key, versionId);
        ObjectInfo i = s.info();
        ObjectLock.checkChange(i.metadata(), metadata, Instant.now(), bypassGovernance);
        ObjectInfo n = new ObjectInfo(i.bucket(), i.key(), i.versionId(), i.size(), i.etag(), i.lastModified(),
                metadata, false, i.partSizes());
        bucket(bucket).replace(new MemoryBucket.Stored(n, s.data()));
        return n;
    }

    @Override
    public synchronized ListResult listObjects(String bucket, ListRequest request) {
        return MemoryListing.objects(bucket(bucket).keys(), request);
    }

    @Override
    public synchronized ListVersionsResult listObjectVersions(String bucket, String prefix, String delimiter,
                                                              String keyMarker, String versionIdMarker, int maxKeys) {
        return MemoryListing.versions(bucket(bucket).keys(), prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
    }

    // ---- multipart uploads ----

    @Override
    public synchronized String createMultipartUpload(String bucket, String key, Map<String, String> metadata) {
        bucket(bucket);
        return uploads.create(bucket, key, metadata);
    }

    @Override
    public PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, InputStream body,
                               long size, Map<String, String> partMetadata) {
        if (partNumber < 1 || partNumber > 10_000) {
            throw new InvalidArgumentException("part number must be an integer between 1 and 10000");
        }
        uploadMetadata(bucket, key, uploadId);
        byte[] data = readBody(body, size);
        synchronized (this) {
            bucket(bucket);
            return uploads.putPart(bucket, key, uploadId, partNumber, data, md5Hex(data), partMetadata);
        }
    }

    @Override
    public synchronized ListPartsResult listParts(String bucket, String key, String uploadId, int partNumberMarker,
                                                  int maxParts) {
        bucket(bucket);
        return uploads.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
    }

    @Override
    public synchronized Map<String, String> uploadMetadata(String bucket, String key, String uploadId) {
        bucket(bucket);
        return uploads.get(bucket, key, uploadId).metadata();
    }

    @Override
    public synchronized ObjectInfo completeMultipartUpload(String bucket, String key, String uploadId,
                                                           List<CompletedPart> parts, PutOptions options) {
        bucket(bucket);
        MemoryUploads.Assembled a = uploads.assemble(bucket, key, uploadId, parts);
        ObjectInfo info = commit(bucket, key, a.data(), a.etag(), a.partSizes(), options, a.metadata());
        uploads.remove(bucket, key, uploadId);
        return info;
    }

    @Override
    public synchronized void abortMultipartUpload(String bucket, String key, String uploadId) {
        bucket(bucket);
        uploads.remove(bucket, key, uploadId);
    }

    @Override
    public synchronized ListUploadsResult listMultipartUploads(String bucket, String prefix, String delimiter,
                                                               String keyMarker, String uploadIdMarker,
                                                               int maxUploads) {
        bucket(bucket);
        return uploads.list(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    // ---- helpers ----

    /** Ids sort by creation like the erasure-coded layer's: 16 hex digits of a rising clock, 16 random. */
    private String newVersionId(MemoryBucket.Versioning state) {
        if (state != MemoryBucket.Versioning.ENABLED) {
            return "null";
        }
        lastVersionMicros = Math.max(lastVersionMicros + 1, System.currentTimeMillis() * 1000);
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return String.format("%016x", lastVersionMicros) + HexFormat.of().formatHex(random);
    }

    private static void checkVersionId(String versionId) {
        if (versionId != null && !VERSION_ID.matcher(versionId).matches()) {
            throw new InvalidArgumentException("Invalid version id specified");
        }
    }

    /** The whole body, refused when reading fails or its length is not the declared one. */
    private static byte[] readBody(InputStream body, long size) {
        byte[] data;
        try {
            data = body.readAllBytes();
        } catch (IOException e) {
            throw new BodyReadException("reading the body failed: " + e.getMessage(), e);
        }
        if (size >= 0 && data.length != size) {
            throw new BodyReadException("body of " + data.length + " bytes, " + size + " declared", null);
        }
        return data;
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5().digest(data));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
