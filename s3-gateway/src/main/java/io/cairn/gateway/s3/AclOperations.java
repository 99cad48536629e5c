package io.cairn.gateway.s3;

import io.cairn.gateway.policy.Acl;
import io.cairn.gateway.xml.AccessControlPolicy;
import io.cairn.gateway.xml.Owner;
import io.cairn.gateway.xml.Xml;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Get/PutBucketAcl and Get/PutObjectAcl. An ACL is given as a canned ACL (x-amz-acl), as x-amz-grant-*
 * headers, or as an AccessControlPolicy body, never two of these at once. The bucket owner owns the bucket
 * and its objects and keeps FULL_CONTROL whatever the grants say; see {@link Acls} for where ACLs live.
 */
final class AclOperations implements OperationFamily {

    static final int MAX_ACL_XML = 64 * 1024;

    private final ObjectService objects;
    private final BucketOwners owners;
    private final AclSettings acls;

    AclOperations(ObjectService objects, BucketOwners owners, AclSettings acls) {
        this.objects = objects;
        this.owners = owners;
        this.acls = acls;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.GetBucketAcl, this::getBucketAcl);
        table.put(S3Operation.PutBucketAcl, this::putBucketAcl);
        table.put(S3Operation.GetObjectAcl, this::getObjectAcl);
        table.put(S3Operation.PutObjectAcl, this::putObjectAcl);
    }

    private S3Response getBucketAcl(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        Owner owner = owner(call);
        return S3Response.xml(Acls.toXml(owner, Acls.ofBucket(acls.settings(), bucket, owner.id())));
    }

    private S3Response getObjectAcl(S3Call call) {
        S3Request req = call.request();
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        Owner owner = owner(call);
        return withVersion(S3Response.xml(Acls.toXml(owner, Acls.ofObject(info, owner.id()))), info);
    }

    private S3Response putBucketAcl(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        Owner owner = owner(call);
        Acl acl = requested(call, owner);
        Acls.admit(acls.settings(), bucket, acl, owner.id());
        if (acl.equals(Acls.owned(owner.id()))) {
            acls.settings().delete(bucket, BucketSettings.ACL);
        } else {
            acls.settings().put(bucket, BucketSettings.ACL, acl.encode());
        }
        return S3Response.ok();
    }

    private S3Response putObjectAcl(S3Call call) throws IOException {
        S3Request req = call.request();
        Owner owner = owner(call);
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        Acl acl = requested(call, owner);
        Acls.admit(acls.settings(), req.bucket(), acl, owner.id());
        Map<String, String> metadata = new LinkedHashMap<>(info.metadata());
        if (acl.equals(Acls.owned(owner.id()))) {
            metadata.remove(Acls.OBJECT_METADATA);
        } else {
            metadata.put(Acls.OBJECT_METADATA, acl.encode());
        }
        ObjectInfo updated = objects.updateMetadata(req.bucket(), req.key(), info.versionId(), metadata);
        return withVersion(S3Response.ok(), updated);
    }

    private Owner owner(S3Call call) {
        return Owners.of(owners.ownerOf(call.request().bucket(), call.accessKey()));
    }

    /** The ACL the request states, in headers or in its body (not both); MissingSecurityHeader for neither. */
    private static Acl requested(S3Call call, Owner owner) throws IOException {
        S3Request req = call.request();
        boolean headers = Acls.inHeaders(req);
        Acl fromHeaders = headers ? Acls.fromHeaders(req, owner.id()) : null;
        InputStream body = BucketOperations.nonEmpty(call.body());
        if (body != null) {
            if (headers) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Specify an ACL either in the body or in headers, not both.");
            }
            return Acls.fromDocument(Xml.read(body, MAX_ACL_XML, AccessControlPolicy.class));
        }
        if (fromHeaders == null) {
            throw new S3Exception(S3ErrorCode.MISSING_SECURITY_HEADER,
                    "Your request was missing a required header: x-amz-acl or an AccessControlPolicy body.");
        }
        return fromHeaders;
    }

    private static S3Response withVersion(S3Response r, ObjectInfo info) {
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        return r;
    }
}
