package io.cairn.gateway.s3;

import io.cairn.gateway.policy.Acl;
import io.cairn.gateway.policy.Grant;
import io.cairn.gateway.policy.Permission;
import io.cairn.gateway.xml.AccessControlPolicy;
import io.cairn.gateway.xml.Owner;
import io.cairn.object.ObjectInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where ACLs live and how requests state them. A bucket's ACL is a bucket setting; an object version's is
 * in its metadata under {@link #OBJECT_METADATA} (hidden from clients, as every {@code cairn-} key). Absent,
 * either is the private ACL: manifests and buckets from before ACLs read as private. The owner of a bucket
 * owns its objects too (whoever wrote them), so every stored ACL starts with the owner's FULL_CONTROL.
 */
final class Acls {

    static final String OBJECT_METADATA = "cairn-acl";
    private static final Map<String, Permission> GRANT_HEADERS = new LinkedHashMap<>();

    static {
        GRANT_HEADERS.put("x-amz-grant-read", Permission.READ);
        GRANT_HEADERS.put("x-amz-grant-write", Permission.WRITE);
        GRANT_HEADERS.put("x-amz-grant-read-acp", Permission.READ_ACP);
        GRANT_HEADERS.put("x-amz-grant-write-acp", Permission.WRITE_ACP);
        GRANT_HEADERS.put("x-amz-grant-full-control", Permission.FULL_CONTROL);
    }

    private Acls() {
    }

    /** The private ACL of something {@code ownerId} owns. */
    static Acl owned(String ownerId) {
        return new Acl(List.of(Grant.user(ownerId, Permission.FULL_CONTROL)));
    }

    static Acl ofBucket(BucketSettings settings, String bucket, String ownerId) {
        return settings.get(bucket, BucketSettings.ACL).map(Acl::decode).orElseGet(() -> owned(ownerId));
    }

    static Acl ofObject(ObjectInfo info, String ownerId) {
        String stored = info.metadata().get(OBJECT_METADATA);
        return stored == null ? owned(ownerId) : Acl.decode(stored);
    }

    /** Whether the request states an ACL in headers (x-amz-acl or x-amz-grant-*). */
    static boolean inHeaders(S3Request req) {
        return req.header("x-amz-acl") != null || GRANT_HEADERS.keySet().stream().anyMatch(h -> req.header(h) != null);
    }

    /**
     * The ACL the request's headers ask for, null when they ask for none: InvalidArgument for an unknown
     * canned ACL, InvalidRequest for a canned ACL together with grant headers (as AWS).
     */
    static Acl fromHeaders(S3Request req, String ownerId) {
        String canned = req.header("x-amz-acl");
        List<Grant> grants = new ArrayList<>();
        for (Map.Entry<String, Permission> h : GRANT_HEADERS.entrySet()) {
            String v = req.header(h.getKey());
            if (v != null) {
                grants.addAll(parseGrantHeader(v, h.getValue()));
            }
        }
        if (canned != null) {
            if (!grants.isEmpty()) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Specifying both Canned ACLs and Header Grants is not allowed");
            }
            Acl named = Acl.canned(canned.trim());
            if (named == null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid canned ACL: " + canned);
            }
            // the canned grants, then the owner's (the order RGW answers in, which clients comparing lists expect)
            List<Grant> all = new ArrayList<>(named.grants());
            all.addAll(owned(ownerId).grants());
            return new Acl(all);
        }
        return grants.isEmpty() ? null : new Acl(grants);
    }

    /** {@code id="..."}, {@code uri="..."} or {@code emailAddress="..."}, comma-separated. */
    private static List<Grant> parseGrantHeader(String value, Permission permission) {
        List<Grant> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid grant: " + value);
            }
            String type = p.substring(0, eq).trim();
            String v = p.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            switch (type) {
                case "id" -> out.add(Grant.user(v, permission));
                case "uri" -> out.add(group(v, permission));
                case "emailAddress" -> throw unresolvableEmail();
                default -> throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid grant: " + value);
            }
        }
        return out;
    }

    /** An AccessControlPolicy body as grants: MalformedACLError for a grant without grantee or permission. */
    static Acl fromDocument(AccessControlPolicy doc) {
        List<Grant> out = new ArrayList<>();
        for (AccessControlPolicy.Grant g : doc.grants()) {
            Permission p = g.permission() == null ? null : Permission.named(g.permission().trim());
            if (g.grantee() == null || p == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
            }
            AccessControlPolicy.Grantee who = g.grantee();
            if (who.id() != null && !who.id().isBlank()) {
                out.add(Grant.user(who.id().trim(), p));
            } else if (who.uri() != null && !who.uri().isBlank()) {
                out.add(group(who.uri().trim(), p));
            } else if (who.emailAddress() != null) {
                throw unresolvableEmail();
            } else {
                throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
            }
        }
        return new Acl(out);
    }

    private static Grant group(String uri, Permission permission) {
        if (!Acl.knownGroup(uri)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid group uri: " + uri);
        }
        return Grant.group(uri, permission);
    }

    private static S3Exception unresolvableEmail() {
        return new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS,
                "Grants by email address are not supported: grant to a canonical user id instead.");
    }

    /**
     * Refuses an ACL the bucket's settings do not admit: any grant beyond the owner's under
     * BucketOwnerEnforced (AccessControlListNotSupported) and public grants under BlockPublicAcls
     * (AccessDenied), as AWS does.
     */
    static void admit(BucketSettings settings, String bucket, Acl acl, String ownerId) {
        if (acl == null) {
            return;
        }
        if (!ownerOnly(acl, ownerId) && "BucketOwnerEnforced".equals(settings.get(bucket, BucketSettings.OWNERSHIP).orElse(null))) {
            throw new S3Exception(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
        }
        if (acl.isPublic() && publicAccessBlock(settings, bucket).blockPublicAcls()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Access Denied: the bucket's public access block"
                    + " refuses public ACLs (BlockPublicAcls).");
        }
    }

    /** Whether the ACL grants nothing beyond the owner's full control. */
    static boolean ownerOnly(Acl acl, String ownerId) {
        return acl.grants().stream().allMatch(g -> !g.group() && g.grantee().equals(ownerId)
                && g.permission() == Permission.FULL_CONTROL);
    }

    static PublicAccessBlock publicAccessBlock(BucketSettings settings, String bucket) {
        return settings.get(bucket, BucketSettings.PUBLIC_ACCESS_BLOCK).map(PublicAccessBlock::decode)
                .orElse(PublicAccessBlock.NONE);
    }

    /** The AccessControlPolicy document that GetBucketAcl and GetObjectAcl answer. */
    static byte[] toXml(Owner owner, Acl acl) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<AccessControlPolicy xmlns=\"").append(io.cairn.gateway.xml.Xml.S3_NS).append("\">")
                .append("<Owner><ID>").append(escape(owner.id())).append("</ID><DisplayName>")
                .append(escape(owner.displayName())).append("</DisplayName></Owner><AccessControlList>");
        for (Grant g : acl.grants()) {
            b.append("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"");
            if (g.group()) {
                b.append("Group\"><URI>").append(escape(g.grantee())).append("</URI>");
            } else {
                b.append("CanonicalUser\"><ID>").append(escape(g.grantee())).append("</ID>");
                if (g.grantee().equals(owner.id())) {
                    b.append("<DisplayName>").append(escape(owner.displayName())).append("</DisplayName>");
                }
            }
            b.append("</Grantee><Permission>").append(g.permission().name()).append("</Permission></Grant>");
        }
        b.append("</AccessControlList></AccessControlPolicy>");
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
