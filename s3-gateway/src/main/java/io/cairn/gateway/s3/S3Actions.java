package io.cairn.gateway.s3;

import io.cairn.gateway.policy.Permission;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one table from S3 operations to what authorising them means: the IAM action a policy names (and the
 * action for a specific version, where AWS has one), whether it acts on the bucket or on an object, which
 * ACL permission grants it, and whether only the bucket owner may ever perform it.
 */
final class S3Actions {

    /** What an operation is checked against. {@code aclPermission} null: no ACL grant allows it. */
    record Action(String name, String versionName, Target target, Permission aclPermission, boolean ownerOnly) {

        /** The action for this request: the version action when the request names a version. */
        String nameFor(S3Request request) {
            return versionName != null && request.param("versionId") != null ? versionName : name;
        }
    }

    /** What the action applies to: the bucket ARN or an object ARN. */
    enum Target {
        BUCKET, OBJECT
    }

    private static final Map<S3Operation, Action> TABLE = new EnumMap<>(S3Operation.class);
    private static final Set<String> KNOWN = new HashSet<>();

    private static void bucket(S3Operation op, String name, Permission acl) {
        TABLE.put(op, new Action(name, null, Target.BUCKET, acl, false));
    }

    private static void ownerOnly(S3Operation op, String name) {
        TABLE.put(op, new Action(name, null, Target.BUCKET, null, true));
    }

    private static void object(S3Operation op, String name, String versionName, Permission acl) {
        TABLE.put(op, new Action(name, versionName, Target.OBJECT, acl, false));
    }

    static {
        bucket(S3Operation.ListBuckets, "s3:ListAllMyBuckets", null);
        bucket(S3Operation.CreateBucket, "s3:CreateBucket", null);
        bucket(S3Operation.HeadBucket, "s3:ListBucket", Permission.READ);
        bucket(S3Operation.DeleteBucket, "s3:DeleteBucket", null);
        bucket(S3Operation.GetBucketLocation, "s3:GetBucketLocation", null);
        bucket(S3Operation.ListObjects, "s3:ListBucket", Permission.READ);
        bucket(S3Operation.ListObjectsV2, "s3:ListBucket", Permission.READ);
        bucket(S3Operation.ListObjectVersions, "s3:ListBucketVersions", Permission.READ);
        bucket(S3Operation.GetBucketVersioning, "s3:GetBucketVersioning", null);
        bucket(S3Operation.PutBucketVersioning, "s3:PutBucketVersioning", null);
        bucket(S3Operation.GetBucketTagging, "s3:GetBucketTagging", null);
        bucket(S3Operation.PutBucketTagging, "s3:PutBucketTagging", null);
        bucket(S3Operation.DeleteBucketTagging, "s3:PutBucketTagging", null);
        bucket(S3Operation.ListMultipartUploads, "s3:ListBucketMultipartUploads", Permission.READ);
        // Checked key by key, each as a DeleteObject, by the operation itself.
        object(S3Operation.DeleteObjects, "s3:DeleteObject", "s3:DeleteObjectVersion", Permission.WRITE);
        object(S3Operation.PutObject, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.GetObject, "s3:GetObject", "s3:GetObjectVersion", Permission.READ);
        object(S3Operation.HeadObject, "s3:GetObject", "s3:GetObjectVersion", Permission.READ);
        object(S3Operation.DeleteObject, "s3:DeleteObject", "s3:DeleteObjectVersion", Permission.WRITE);
        object(S3Operation.CopyObject, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.GetObjectTagging, "s3:GetObjectTagging", "s3:GetObjectVersionTagging", null);
        object(S3Operation.PutObjectTagging, "s3:PutObjectTagging", "s3:PutObjectVersionTagging", null);
        object(S3Operation.DeleteObjectTagging, "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", null);
        object(S3Operation.CreateMultipartUpload, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.UploadPart, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.UploadPartCopy, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.CompleteMultipartUpload, "s3:PutObject", null, Permission.WRITE);
        object(S3Operation.AbortMultipartUpload, "s3:AbortMultipartUpload", null, Permission.WRITE);
        object(S3Operation.ListParts, "s3:ListMultipartUploadParts", null, Permission.WRITE);
        bucket(S3Operation.GetBucketAcl, "s3:GetBucketAcl", Permission.READ_ACP);
        bucket(S3Operation.PutBucketAcl, "s3:PutBucketAcl", Permission.WRITE_ACP);
        // AWS lets only the bucket owner's account manage its policy and its public access block.
        ownerOnly(S3Operation.GetBucketPolicy, "s3:GetBucketPolicy");
        ownerOnly(S3Operation.PutBucketPolicy, "s3:PutBucketPolicy");
        ownerOnly(S3Operation.DeleteBucketPolicy, "s3:DeleteBucketPolicy");
        ownerOnly(S3Operation.GetBucketPolicyStatus, "s3:GetBucketPolicyStatus");
        ownerOnly(S3Operation.GetPublicAccessBlock, "s3:GetBucketPublicAccessBlock");
        ownerOnly(S3Operation.PutPublicAccessBlock, "s3:PutBucketPublicAccessBlock");
        ownerOnly(S3Operation.DeletePublicAccessBlock, "s3:PutBucketPublicAccessBlock");
        ownerOnly(S3Operation.GetBucketOwnershipControls, "s3:GetBucketOwnershipControls");
        ownerOnly(S3Operation.PutBucketOwnershipControls, "s3:PutBucketOwnershipControls");
        ownerOnly(S3Operation.DeleteBucketOwnershipControls, "s3:PutBucketOwnershipControls");
        bucket(S3Operation.GetBucketCors, "s3:GetBucketCORS", null);
        bucket(S3Operation.PutBucketCors, "s3:PutBucketCORS", null);
        bucket(S3Operation.DeleteBucketCors, "s3:PutBucketCORS", null);
        bucket(S3Operation.GetBucketLifecycleConfiguration, "s3:GetLifecycleConfiguration", null);
        bucket(S3Operation.PutBucketLifecycleConfiguration, "s3:PutLifecycleConfiguration", null);
        bucket(S3Operation.DeleteBucketLifecycle, "s3:PutLifecycleConfiguration", null);
        bucket(S3Operation.GetBucketWebsite, "s3:GetBucketWebsite", null);
        bucket(S3Operation.PutBucketWebsite, "s3:PutBucketWebsite", null);
        bucket(S3Operation.DeleteBucketWebsite, "s3:DeleteBucketWebsite", null);
        bucket(S3Operation.GetBucketLogging, "s3:GetBucketLogging", null);
        bucket(S3Operation.PutBucketLogging, "s3:PutBucketLogging", null);
        bucket(S3Operation.GetBucketNotificationConfiguration, "s3:GetBucketNotification", null);
        bucket(S3Operation.PutBucketNotificationConfiguration, "s3:PutBucketNotification", null);
        bucket(S3Operation.GetBucketReplication, "s3:GetReplicationConfiguration", null);
        bucket(S3Operation.PutBucketReplication, "s3:PutReplicationConfiguration", null);
        bucket(S3Operation.DeleteBucketReplication, "s3:PutReplicationConfiguration", null);
        bucket(S3Operation.GetBucketEncryption, "s3:GetEncryptionConfiguration", null);
        bucket(S3Operation.PutBucketEncryption, "s3:PutEncryptionConfiguration", null);
        bucket(S3Operation.DeleteBucketEncryption, "s3:PutEncryptionConfiguration", null);
        bucket(S3Operation.GetObjectLockConfiguration, "s3:GetBucketObjectLockConfiguration", null);
        bucket(S3Operation.PutObjectLockConfiguration, "s3:PutBucketObjectLockConfiguration", null);
        bucket(S3Operation.GetBucketAccelerateConfiguration, "s3:GetAccelerateConfiguration", null);
        bucket(S3Operation.PutBucketAccelerateConfiguration, "s3:PutAccelerateConfiguration", null);
        bucket(S3Operation.GetBucketRequestPayment, "s3:GetBucketRequestPayment", null);
        bucket(S3Operation.PutBucketRequestPayment, "s3:PutBucketRequestPayment", null);
        bucket(S3Operation.GetBucketAnalyticsConfiguration, "s3:GetAnalyticsConfiguration", null);
        bucket(S3Operation.GetBucketMetricsConfiguration, "s3:GetMetricsConfiguration", null);
        bucket(S3Operation.GetBucketInventoryConfiguration, "s3:GetInventoryConfiguration", null);
        bucket(S3Operation.GetBucketIntelligentTieringConfiguration, "s3:GetIntelligentTieringConfiguration", null);
        object(S3Operation.GetObjectAcl, "s3:GetObjectAcl", "s3:GetObjectVersionAcl", Permission.READ_ACP);
        object(S3Operation.PutObjectAcl, "s3:PutObjectAcl", "s3:PutObjectVersionAcl", Permission.WRITE_ACP);
        object(S3Operation.GetObjectRetention, "s3:GetObjectRetention", null, null);
        object(S3Operation.PutObjectRetention, "s3:PutObjectRetention", null, null);
        object(S3Operation.GetObjectLegalHold, "s3:GetObjectLegalHold", null, null);
        object(S3Operation.PutObjectLegalHold, "s3:PutObjectLegalHold", null, null);
        object(S3Operation.GetObjectTorrent, "s3:GetObjectTorrent", "s3:GetObjectVersionTorrent", Permission.READ);
        object(S3Operation.GetObjectAttributes, "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes",
                Permission.READ);
        object(S3Operation.RestoreObject, "s3:RestoreObject", null, null);
        object(S3Operation.SelectObjectContent, "s3:GetObject", null, Permission.READ);
        object(S3Operation.PostObject, "s3:PutObject", null, Permission.WRITE);
        for (Action a : TABLE.values()) {
            KNOWN.add(a.name().toLowerCase(Locale.ROOT));
            if (a.versionName() != null) {
                KNOWN.add(a.versionName().toLowerCase(Locale.ROOT));
            }
        }
        // Actions AWS defines that are no operation's own (BypassGovernanceRetention is asked besides a delete's or
        // a retention change's own action), or that no operation here performs yet; a policy may name them.
        for (String extra : new String[] {"s3:BypassGovernanceRetention", "s3:GetObjectVersionForReplication",
                "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner",
                "s3:PutObjectVersionAcl", "s3:ListAllMyBuckets", "s3:PutAnalyticsConfiguration",
                "s3:PutMetricsConfiguration", "s3:PutInventoryConfiguration", "s3:PutIntelligentTieringConfiguration",
                "s3:GetBucketPolicyStatus", "s3:DeleteBucketOwnershipControls"}) {
            KNOWN.add(extra.toLowerCase(Locale.ROOT));
        }
    }

    private S3Actions() {
    }

    /** The operation's action; null for operations that act on no bucket's behalf (Unknown, ...). */
    static Action of(S3Operation op) {
        return TABLE.get(op);
    }

    /** Whether a policy may name this action (lowercase, without wildcards). */
    static boolean known(String lowercaseAction) {
        return KNOWN.contains(lowercaseAction);
    }
}
