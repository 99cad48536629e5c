package io.cairn.gateway.s3;

import java.util.Set;

/**
 * The x-amz-acl header. The store keeps no ACLs beyond "the owner has full control", so only the canned
 * ACLs that mean exactly that are accepted; the others are known but not implemented, and anything else is
 * a bad argument.
 */
final class CannedAcl {

    private static final Set<String> OWNER_ONLY = Set.of("private", "bucket-owner-full-control");
    private static final Set<String> KNOWN = Set.of("private", "public-read", "public-read-write",
            "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control",
            "log-delivery-write");

    private CannedAcl() {
    }

    /** An x-amz-acl header that names no canned ACL is a bad argument (absent is fine). */
    static void validate(S3Request req) {
        String acl = req.header("x-amz-acl");
        if (acl != null && !KNOWN.contains(acl.trim())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid canned ACL: " + acl);
        }
    }

    /** PutBucketAcl/PutObjectAcl: true when an owner-only canned ACL is given, false when none is. */
    static boolean ownerOnly(S3Request req) {
        validate(req);
        String acl = req.header("x-amz-acl");
        if (acl == null) {
            return false;
        }
        if (!OWNER_ONLY.contains(acl.trim())) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Only the private canned ACL is supported.");
        }
        return true;
    }
}
