package io.cairn.gateway.s3;

import io.cairn.gateway.policy.Acl;
import io.cairn.gateway.policy.Decision;
import io.cairn.gateway.policy.MalformedPolicyException;
import io.cairn.gateway.policy.Permission;
import io.cairn.gateway.policy.Policy;
import io.cairn.gateway.policy.PolicyRequest;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what on a bucket and its objects, decided in this order (docs/ACCESS.md):
 * <ol>
 * <li>The root user may do everything, at no cost.</li>
 * <li>A missing bucket is reported as missing before anything else (NoSuchBucket, also to anonymous callers).</li>
 * <li>An explicit Deny in the bucket policy refuses, whoever the caller (the owner too).</li>
 * <li>The user that created the bucket may do everything else.</li>
 * <li>Managing the bucket's policy, public access block and ownership controls is the owner's alone.</li>
 * <li>An Allow in the bucket policy allows (unless RestrictPublicBuckets is set and the policy is public).</li>
 * <li>An ACL grant (the bucket's for bucket actions, listing and writing; the object's for reading it and its
 *     ACL) allows (public grants ignored under IgnorePublicAcls).</li>
 * <li>Otherwise AccessDenied.</li>
 * </ol>
 */
public final class BucketAccess {

    private static final String ARN = "arn:aws:s3:::";

    private record Parsed(String json, Policy policy) {
    }

    private final ObjectService objects;
    private final BucketOwners owners;
    private final BucketSettings settings;
    private final ConcurrentHashMap<String, Parsed> policies = new ConcurrentHashMap<>();
    /** The key a ListBucket check on behalf of a refused read evaluates as s3:prefix. */
    private final ThreadLocal<String> prefixOverride = new ThreadLocal<>();

    /** With its own caches: for endpoints outside the S3 API (form uploads, URNs). */
    public BucketAccess(ObjectService objects) {
        this(objects, new BucketOwners(objects), new BucketSettings(objects));
    }

    BucketAccess(ObjectService objects, BucketOwners owners) {
        this(objects, owners, new BucketSettings(objects));
    }

    BucketAccess(ObjectService objects, BucketOwners owners, BucketSettings settings) {
        this.objects = objects;
        this.owners = owners;
        this.settings = settings;
    }

    /**
     * Returns when {@code accessKey} owns {@code bucket} (or is root); throws the object layer's
     * BucketNotFoundException when it does not exist and AccessDenied otherwise. For endpoints that act
     * as the bucket's owner (URN reservations).
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

    /**
     * A browser form upload (POST Object) of {@code key} by {@code accessKey} (null: anonymous, a form without
     * a policy), authorised as a PutObject would be; the form's {@code acl} field (null when absent) is checked
     * against the bucket's rules and put into {@code metadata}, as x-amz-acl on a PutObject.
     */
    public void authorizeFormUpload(String bucket, String key, String accessKey, boolean root, String acl,
                                    Map<String, String> metadata) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (acl != null) {
            headers.set("x-amz-acl", acl);
        }
        S3Request request = new S3Request(S3Operation.PostObject, "POST", bucket, key, Map.of(), headers,
                "/" + bucket, null);
        S3Call call = new S3Call(request, accessKey, root, InputStream.nullInputStream(), Map::of);
        if (!root) {
            S3Actions.Action action = S3Actions.of(S3Operation.PostObject);
            authorize(call, action, action.name(), bucket, key, null);
        }
        new AclSettings(settings, owners).forNewObject(call, metadata);
    }

    /** Authorises a routed call before its operation runs (a copy's source too); throws AccessDenied. */
    void authorize(S3Call call) {
        S3Request request = call.request();
        S3Operation op = request.operation();
        if (call.root()) {
            return;
        }
        if (request.bucket() == null || op == S3Operation.ListBuckets || op == S3Operation.CreateBucket) {
            if (call.accessKey() == null) {
                throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
            }
            return;
        }
        S3Actions.Action action = S3Actions.of(op);
        if (action == null) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        if (op == S3Operation.DeleteObjects) {
            // Each key is authorised as a DeleteObject by the operation; the bucket must exist.
            objects.headBucket(request.bucket());
            authorizeBypass(call, null);
            return;
        }
        String key = action.target() == S3Actions.Target.OBJECT ? request.key() : null;
        try {
            authorize(call, action, action.nameFor(request), request.bucket(), key, request.param("versionId"));
        } catch (S3Exception denied) {
            if (denied.code() == S3ErrorCode.ACCESS_DENIED
                    && (op == S3Operation.GetObject || op == S3Operation.HeadObject)) {
                notFoundForListers(call, key);
            }
            throw denied;
        }
        if (op == S3Operation.DeleteObject || op == S3Operation.PutObjectRetention) {
            authorizeBypass(call, key);
        }
        if (op == S3Operation.CopyObject || op == S3Operation.UploadPartCopy) {
            CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
            S3Actions.Action get = S3Actions.of(S3Operation.GetObject);
            authorize(call, get, source.versionId() != null ? get.versionName() : get.name(), source.bucket(),
                    source.key(), source.versionId());
        }
    }

    /**
     * A read refused on a key that does not exist is answered 404 to a caller who may list the bucket (with the
     * key as {@code s3:prefix}), as S3 does: such a caller could learn that the key is missing anyway. Returns
     * quietly otherwise, for the refusal to stand.
     */
    private void notFoundForListers(S3Call call, String key) {
        String bucket = call.request().bucket();
        try {
            objects.headObject(bucket, key, call.request().param("versionId"));
            return; // it exists: the refusal stands
        } catch (ObjectNotFoundException missing) {
            try {
                prefixOverride.set(key);
                authorize(call, S3Actions.of(S3Operation.ListObjects), "s3:ListBucket", bucket, null, null);
            } catch (S3Exception mayNotList) {
                return;
            } finally {
                prefixOverride.remove();
            }
            throw missing;
        } catch (RuntimeException other) {
            // a version that is not there, a delete marker, a drive problem: the refusal stands
        }
    }

    /**
     * A request asking to bypass governance retention needs s3:BypassGovernanceRetention besides its own
     * permission: the owner has it unless the bucket policy denies it, anyone else only by a policy Allow.
     */
    private void authorizeBypass(S3Call call, String key) {
        if (!ObjectLockOperations.bypassGovernance(call.request())) {
            return;
        }
        authorize(call, S3Actions.of(S3Operation.PutObjectRetention), "s3:BypassGovernanceRetention",
                call.request().bucket(), key, call.request().param("versionId"));
    }

    /** DeleteObjects: whether the caller may delete this key (version); throws AccessDenied when not. */
    void authorizeDelete(S3Call call, String key, String versionId) {
        if (call.root()) {
            return;
        }
        S3Actions.Action action = S3Actions.of(S3Operation.DeleteObject);
        authorize(call, action, versionId != null ? action.versionName() : action.name(), call.request().bucket(),
                key, versionId);
    }

    private void authorize(S3Call call, S3Actions.Action action, String actionName, String bucket, String key,
                           String versionId) {
        objects.headBucket(bucket);
        String caller = call.accessKey();
        boolean owner = caller != null && owners.ownedBy(bucket, caller);
        Policy policy = policy(bucket);
        Decision decision = Decision.NONE;
        if (policy != null) {
            String resource = ARN + bucket + (key != null ? "/" + key : "");
            decision = policy.evaluate(new PolicyRequest(caller, actionName, resource,
                    conditionKeys(call, bucket, key, versionId, policyNamesTags(bucket))));
        }
        if (decision == Decision.DENY) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        if (owner) {
            return;
        }
        if (action.ownerOnly()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        PublicAccessBlock block = Acls.publicAccessBlock(settings, bucket);
        if (decision == Decision.ALLOW && !(block.restrictPublicBuckets() && policy.isPublic())) {
            return;
        }
        if (action.aclPermission() != null && aclAllows(call, action, bucket, key, versionId, block)) {
            return;
        }
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }

    private boolean aclAllows(S3Call call, S3Actions.Action action, String bucket, String key, String versionId,
                              PublicAccessBlock block) {
        String ownerId = Owners.of(owners.ownerOf(bucket, null)).id();
        Permission needed = action.aclPermission();
        // Writing and deleting objects is granted on the bucket; reading an object and its ACL on the object.
        boolean onObject = key != null && needed != Permission.WRITE;
        Acl acl;
        if (onObject) {
            try {
                acl = Acls.ofObject(objects.headObject(bucket, key, versionId), ownerId);
            } catch (ObjectNotFoundException e) {
                return false; // a caller who may not list the bucket learns nothing of what is missing
            }
        } else {
            acl = Acls.ofBucket(settings, bucket, ownerId);
        }
        if (block.ignorePublicAcls()) {
            acl = acl.withoutPublicGrants();
        }
        String callerId = call.accessKey() == null ? null : Owners.of(call.accessKey()).id();
        return acl.allows(callerId, needed);
    }

    /** The bucket's policy, parsed (once per stored text); null when it has none. */
    Policy policy(String bucket) {
        Optional<String> json = settings.get(bucket, BucketSettings.POLICY);
        if (json.isEmpty()) {
            policies.remove(bucket);
            return null;
        }
        Parsed p = policies.get(bucket);
        if (p == null || !p.json().equals(json.get())) {
            try {
                p = new Parsed(json.get(), Policy.parse(json.get(), bucket, S3Actions::known));
            } catch (MalformedPolicyException e) {
                // Stored by an older version with other rules: it grants nothing, and denies nothing.
                p = new Parsed(json.get(), null);
            }
            policies.put(bucket, p);
        }
        return p.policy();
    }

    private boolean policyNamesTags(String bucket) {
        Parsed p = policies.get(bucket);
        return p != null && p.json().toLowerCase(Locale.ROOT).contains("s3:existingobjecttag/");
    }

    /** The condition keys of the request, as far as this store knows them. */
    private Map<String, List<String>> conditionKeys(S3Call call, String bucket, String key, String versionId,
                                                   boolean withTags) {
        S3Request req = call.request();
        Map<String, List<String>> keys = new HashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        keys.put("aws:CurrentTime", List.of(now.toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(call.secure())));
        put(keys, "aws:SourceIp", call.sourceIp());
        if (call.accessKey() != null) {
            keys.put("aws:username", List.of(call.accessKey()));
            keys.put("aws:userid", List.of(call.accessKey()));
        }
        put(keys, "aws:UserAgent", req.header("User-Agent"));
        put(keys, "aws:Referer", req.header("Referer"));
        String prefix = prefixOverride.get();
        put(keys, "s3:prefix", prefix != null ? prefix : req.param("prefix"));
        put(keys, "s3:delimiter", req.param("delimiter"));
        put(keys, "s3:max-keys", req.param("max-keys"));
        put(keys, "s3:VersionId", versionId);
        for (String h : List.of("x-amz-acl", "x-amz-server-side-encryption",
                "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-copy-source", "x-amz-metadata-directive",
                "x-amz-storage-class", "x-amz-content-sha256")) {
            put(keys, "s3:" + h, req.header(h));
        }
        if (withTags && key != null) {
            try {
                ObjectInfo info = objects.headObject(bucket, key, versionId);
                String tags = info.metadata().get(ObjectHeaders.TAGGING);
                if (tags != null) {
                    TagSets.parseQuery(tags).forEach((k, v) -> keys.put("s3:ExistingObjectTag/" + k, List.of(v)));
                }
            } catch (ObjectNotFoundException e) {
                // a new object has no tags yet
            }
        }
        return keys;
    }

    private static void put(Map<String, List<String>> keys, String name, String value) {
        if (value != null) {
            keys.put(name, List.of(value));
        }
    }
}
