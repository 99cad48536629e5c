package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;

/**
 * Who may act on a bucket and its objects: the user that created it, and the root user on every bucket
 * (as MinIO's root user; separate AWS accounts see each other's buckets as AccessDenied). There are no
 * grants: only the private ACL can be set. A missing bucket is reported as missing before anything else,
 * so NoSuchBucket answers as it always did.
 */
public final class BucketAccess {

    private final ObjectService objects;
    private final BucketOwners owners;

    /** With its own owner cache: for endpoints outside the S3 API (form uploads, URNs). */
    public BucketAccess(ObjectService objects) {
        this(objects, new BucketOwners(objects));
    }

    BucketAccess(ObjectService objects, BucketOwners owners) {
        this.objects = objects;
        this.owners = owners;
    }

    /**
     * Returns when {@code accessKey} may act on {@code bucket}; throws the object layer's
     * BucketNotFoundException when it does not exist and AccessDenied when it belongs to someone else.
     * The root user is never refused and costs no lookup: the operation itself finds a missing bucket.
     */
    public void check(String bucket, String accessKey, boolean root) {
        if (root) {
            return;
        }
        objects.headBucket(bucket);
        if (!owners.ownedBy(bucket, accessKey)) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
    }
}
