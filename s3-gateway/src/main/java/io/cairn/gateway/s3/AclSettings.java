package io.cairn.gateway.s3;

import io.cairn.gateway.policy.Acl;
import java.util.Map;

/** The ACLs that writes ask for (x-amz-acl, x-amz-grant-*), checked against the bucket's rules and kept. */
final class AclSettings {

    private final BucketSettings settings;
    private final BucketOwners owners;

    AclSettings(BucketSettings settings, BucketOwners owners) {
        this.settings = settings;
        this.owners = owners;
    }

    BucketSettings settings() {
        return settings;
    }

    /** The canonical id of the bucket's owner (of the caller, for a bucket with no recorded owner). */
    String ownerId(String bucket, String caller) {
        return Owners.of(owners.ownerOf(bucket, caller)).id();
    }

    /**
     * A new object version's ACL (PutObject, CopyObject, CreateMultipartUpload): put into its metadata,
     * or left out when private. Never copied from a copy's source, as in AWS.
     */
    void forNewObject(S3Call call, Map<String, String> metadata) {
        metadata.remove(Acls.OBJECT_METADATA);
        S3Request req = call.request();
        if (!Acls.inHeaders(req)) {
            return;
        }
        String ownerId = ownerId(req.bucket(), call.accessKey());
        Acl acl = Acls.fromHeaders(req, ownerId);
        Acls.admit(settings, req.bucket(), acl, ownerId);
        if (!acl.equals(Acls.owned(ownerId))) {
            metadata.put(Acls.OBJECT_METADATA, acl.encode());
        }
    }
}
