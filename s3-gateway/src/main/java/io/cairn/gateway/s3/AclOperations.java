package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.AccessControlPolicy;
import io.cairn.gateway.xml.Owner;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bucket and object ACLs, as far as the store has them: the bucket owner has FULL_CONTROL of the bucket and
 * its objects. Many clients read ACLs or set "private", so those work; any other grant is NotImplemented.
 */
final class AclOperations implements OperationFamily {

    static final int MAX_ACL_XML = 64 * 1024;
    private static final List<String> GRANT_HEADERS = List.of("x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control");

    private final ObjectService objects;
    private final BucketOwners owners;

    AclOperations(ObjectService objects, BucketOwners owners) {
        this.objects = objects;
        this.owners = owners;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.GetBucketAcl, this::getBucketAcl);
        table.put(S3Operation.PutBucketAcl, this::putBucketAcl);
        table.put(S3Operation.GetObjectAcl, this::getObjectAcl);
        table.put(S3Operation.PutObjectAcl, this::putObjectAcl);
    }

    private S3Response getBucketAcl(S3Call call) {
        return S3Response.xml(AccessControlPolicy.ownerFullControl(owner(call)));
    }

    private S3Response getObjectAcl(S3Call call) {
        S3Request req = call.request();
        objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        return S3Response.xml(AccessControlPolicy.ownerFullControl(owner(call)));
    }

    private S3Response putBucketAcl(S3Call call) throws IOException {
        accept(call, owner(call));
        return S3Response.ok();
    }

    private S3Response putObjectAcl(S3Call call) throws IOException {
        S3Request req = call.request();
        Owner owner = owner(call);
        objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        accept(call, owner);
        return S3Response.ok();
    }

    private Owner owner(S3Call call) {
        String bucket = call.request().bucket();
        return Owners.of(owners.ownerOf(bucket, call.accessKey()));
    }

    /** Succeeds when the request asks for exactly "owner has full control"; otherwise throws. */
    private static void accept(S3Call call, Owner owner) throws IOException {
        S3Request req = call.request();
        boolean canned = CannedAcl.ownerOnly(req);
        boolean grants = grantHeaders(req, owner);
        InputStream body = BucketOperations.nonEmpty(call.body());
        if (body != null) {
            if (canned || grants) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Specify an ACL either in the body or in headers, not both.");
            }
            ownerOnly(Xml.read(body, MAX_ACL_XML, AccessControlPolicy.class), owner);
        } else if (!canned && !grants) {
            throw new S3Exception(S3ErrorCode.MISSING_SECURITY_HEADER,
                    "Your request was missing a required header: x-amz-acl or an AccessControlPolicy body.");
        }
    }

    private static boolean grantHeaders(S3Request req, Owner owner) {
        boolean any = false;
        for (String name : GRANT_HEADERS) {
            String v = req.header(name);
            if (v == null) {
                continue;
            }
            any = true;
            String expected = "id=\"" + owner.id() + "\"";
            if (!name.equals("x-amz-grant-full-control")
                    || !v.trim().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                        "Only a full-control grant to the bucket owner is supported.");
            }
        }
        return any;
    }

    private static void ownerOnly(AccessControlPolicy policy, Owner owner) {
        List<AccessControlPolicy.Grant> grants = policy.grants();
        for (AccessControlPolicy.Grant g : grants) {
            if (g.grantee() == null || g.permission() == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
        }
        boolean onlyOwner = grants.size() == 1 && "FULL_CONTROL".equals(grants.get(0).permission())
                && owner.id().equals(grants.get(0).grantee().id());
        if (!onlyOwner) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                    "Only a single FULL_CONTROL grant to the bucket owner is supported.");
        }
    }
}
