package io.cairn.object;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets, objects and multipart uploads. Blocking; call it off the event loop. Every method throws
 * {@link ObjectLayerException} subclasses for expected failures.
 *
 * <p>Object metadata is an opaque string map kept with each version (content type, user metadata,
 * checksums, tags: the gateway decides what goes in it).
 */
public interface ObjectService {

    // ---- buckets ----

    /** {@link BucketExistsException} when it exists. */
    void createBucket(String bucket);

    /** {@link BucketNotFoundException}, {@link BucketNotEmptyException}. */
    void deleteBucket(String bucket);

    /** {@link BucketNotFoundException} when absent. */
    BucketInfo headBucket(String bucket);

    List<BucketInfo> listBuckets();

    /** A named bucket configuration document (versioning, tagging, CORS, ...), if set. */
    Optional<String> getBucketConfig(String bucket, String name);

    void putBucketConfig(String bucket, String name, String value);

    void deleteBucketConfig(String bucket, String name);

    // ---- objects ----

    /**
     * Streams {@code body} into a new version of the object. {@code size} is the exact length when known,
     * or -1. If reading the body throws, nothing is stored and the previous version stays current. The
     * stream is read to its end before commit, so a wrapping stream may verify a checksum at its end by
     * throwing.
     */
    ObjectInfo putObject(String bucket, String key, InputStream body, long size, PutOptions options);

    /** The current version, or {@code versionId}'s. {@link ObjectNotFoundException} when absent. */
    ObjectInfo headObject(String bucket, String key, String versionId);

    /**
     * Opens a range of the object for streaming. {@code range} null means the whole object.
     * {@link InvalidRangeException} when the range is not satisfiable.
     */
    ObjectContent getObject(String bucket, String key, String versionId, ByteRange range);

    /**
     * Deletes one version by id (permanently), or without an id: the object in an unversioned bucket,
     * else writes a delete marker. Absent objects are not an error.
     */
    default DeleteResult deleteObject(String bucket, String key, String versionId) {
        return deleteObject(bucket, key, versionId, DeleteOptions.NONE);
    }

    /**
     * The same; a version held by object lock ({@link ObjectLock}) is not removed:
     * {@link ObjectLockedException}, unless its hold is a GOVERNANCE retention and {@code bypassGovernance}.
     */
    default DeleteResult deleteObject(String bucket, String key, String versionId, boolean bypassGovernance) {
        return deleteObject(bucket, key, versionId, DeleteOptions.bypassGovernance(bypassGovernance));
    }

    /** The same with every option ({@link DeleteOptions}). */
    DeleteResult deleteObject(String bucket, String key, String versionId, DeleteOptions options);

    /** Replaces the metadata of an existing version without touching its data. */
    default ObjectInfo updateMetadata(String bucket, String key, String versionId, Map<String, String> metadata) {
        return updateMetadata(bucket, key, versionId, metadata, false);
    }

    /**
     * The same; a change that would shorten, remove or change the mode of an object lock retention in force
     * is refused with {@link ObjectLockedException} (a GOVERNANCE one may be when {@code bypassGovernance}).
     */
    ObjectInfo updateMetadata(String bucket, String key, String versionId, Map<String, String> metadata,
                              boolean bypassGovernance);

    ListResult listObjects(String bucket, ListRequest request);

    /**
     * Every version and delete marker, keys in order and versions newest first, after
     * ({@code keyMarker}, {@code versionIdMarker}); at most {@code maxKeys} entries counting common prefixes.
     */
    ListVersionsResult listObjectVersions(String bucket, String prefix, String delimiter, String keyMarker,
                                          String versionIdMarker, int maxKeys);

    // ---- multipart uploads ----

    /** Returns the new upload id. */
    String createMultipartUpload(String bucket, String key, Map<String, String> metadata);

    /** {@link UploadNotFoundException} when the upload does not exist. */
    PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, InputStream body, long size,
                        Map<String, String> partMetadata);

    ListPartsResult listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts);

    /** Metadata stored with the upload when it was created. */
    Map<String, String> uploadMetadata(String bucket, String key, String uploadId);

    /**
     * Completes the upload with the listed parts (ascending part numbers, each etag matching).
     * {@link InvalidPartException}, {@link InvalidPartOrderException}, {@link EntityTooSmallException}.
     * The object's ETag is the multipart ETag: hex MD5 of the parts' binary MD5s, "-", part count.
     */
    ObjectInfo completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
                                       PutOptions options);

    void abortMultipartUpload(String bucket, String key, String uploadId);

    ListUploadsResult listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                           String uploadIdMarker, int maxUploads);
}
