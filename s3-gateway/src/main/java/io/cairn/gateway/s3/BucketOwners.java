package io.cairn.gateway.s3;

import io.cairn.gateway.object.ObjectService;

/**
 * Who created a bucket, kept as a bucket configuration document. A bucket without one (made before owners
 * were recorded) belongs to whoever asks, so old buckets stay usable.
 */
final class BucketOwners {

    private static final String OWNER = "owner";

    private final ObjectService objects;

    BucketOwners(ObjectService objects) {
        this.objects = objects;
    }

    void record(String bucket, String accessKey) {
        if (accessKey != null) {
            objects.putBucketConfig(bucket, OWNER, accessKey);
        }
    }

    /** The owner's access key, or {@code caller} when none is recorded. */
    String ownerOf(String bucket, String caller) {
        return objects.getBucketConfig(bucket, OWNER).orElse(caller);
    }
}
