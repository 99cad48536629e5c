package io.cairn.gateway.s3;

import io.cairn.object.BucketExistsException;
import io.cairn.object.BucketInfo;
import io.cairn.object.BucketNotFoundException;
import io.cairn.gateway.policy.Acl;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.CreateBucketConfiguration;
import io.cairn.gateway.xml.ListAllMyBucketsResult;
import io.cairn.gateway.xml.LocationConstraint;
import io.cairn.gateway.xml.VersioningConfiguration;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Buckets: list, create, head, delete, location and versioning configuration. */
final class BucketOperations implements OperationFamily {

    static final int MAX_CONFIG_XML = 64 * 1024;
    private static final String VERSIONING = "versioning";

    static final int MAX_BUCKETS = 10000;

    private final ObjectService objects;
    private final String region;
    private final BucketOwners owners;
    private final BucketSettings settings;

    BucketOperations(ObjectService objects, String region, BucketOwners owners, BucketSettings settings) {
        this.settings = settings;
        this.objects = objects;
        this.region = region;
        this.owners = owners;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.ListBuckets, this::listBuckets);
        table.put(S3Operation.CreateBucket, this::createBucket);
        table.put(S3Operation.HeadBucket, this::headBucket);
        table.put(S3Operation.DeleteBucket, this::deleteBucket);
        table.put(S3Operation.GetBucketLocation, this::location);
        table.put(S3Operation.GetBucketVersioning, this::getVersioning);
        table.put(S3Operation.PutBucketVersioning, this::putVersioning);
    }

    /** The caller's buckets in name order; max-buckets pages them, the token is the last name shown. */
    private S3Response listBuckets(S3Call call) {
        S3Request req = call.request();
        int max = ListBucketsPage.maxBuckets(req.param("max-buckets"), MAX_BUCKETS);
        String prefix = req.param("prefix");
        String after = req.param("continuation-token");
        List<ListAllMyBucketsResult.Bucket> buckets = new ArrayList<>();
        String next = null;
        for (BucketInfo b : ListBucketsPage.sorted(objects.listBuckets())) {
            if ((prefix != null && !b.name().startsWith(prefix)) || (after != null && b.name().compareTo(after) <= 0)
                    || !ownedByCaller(b.name(), call.accessKey())) {
                continue;
            }
            if (buckets.size() == max) {
                next = buckets.get(max - 1).name();
                break;
            }
            buckets.add(new ListAllMyBucketsResult.Bucket(b.name(), Xml.timestamp(b.created())));
        }
        return S3Response.xml(Xml.write(new ListAllMyBucketsResult(Owners.of(call.accessKey()), buckets, next,
                prefix)));
    }

    private boolean ownedByCaller(String bucket, String caller) {
        try {
            return owners.ownedBy(bucket, caller);
        } catch (BucketNotFoundException e) {
            return false; // deleted while listing
        }
    }

    private S3Response createBucket(S3Call call) throws IOException {
        InputStream body = nonEmpty(call.body());
        if (body != null) {
            CreateBucketConfiguration config = Xml.read(body, MAX_CONFIG_XML, CreateBucketConfiguration.class);
            String asked = config.locationConstraint();
            if (asked != null && !asked.isEmpty() && !asked.equals(region)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                        "The specified location-constraint is not valid for this endpoint: " + asked);
            }
        }
        S3Request req = call.request();
        String creatorId = Owners.of(call.accessKey()).id();
        Acl acl = Acls.inHeaders(req) ? Acls.fromHeaders(req, creatorId) : null;
        boolean lock = "true".equalsIgnoreCase(call.request().headers().get("x-amz-bucket-object-lock-enabled"));
        String ownership = BucketOwnershipOperations.fromCreateHeader(call.request());
        if (acl != null && "BucketOwnerEnforced".equals(ownership) && !Acls.ownerOnly(acl, creatorId)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
        }
        String bucket = call.request().bucket();
        try {
            objects.createBucket(bucket);
        } catch (BucketExistsException e) {
            if (!owners.ownedBy(bucket, call.accessKey())) {
                throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS);
            }
            // us-east-1 keeps S3's legacy answer to re-creating your own bucket: success, nothing changes.
            if (!region.equals("us-east-1")) {
                throw e;
            }
            return S3Response.ok().header("Location", "/" + bucket);
        }
        owners.record(bucket, call.accessKey());
        settings.forget(bucket);
        if (lock) {
            ObjectLockOperations.enableOnNewBucket(objects, bucket);
        }
        if (ownership != null) {
            settings.put(bucket, BucketSettings.OWNERSHIP, ownership);
        }
        if (acl != null && !Acls.ownerOnly(acl, creatorId)) {
            settings.put(bucket, BucketSettings.ACL, acl.encode());
        }
        return S3Response.ok().header("Location", "/" + bucket);
    }

    private S3Response headBucket(S3Call call) {
        objects.headBucket(call.request().bucket());
        return S3Response.ok().header("x-amz-bucket-region", region);
    }

    private S3Response deleteBucket(S3Call call) {
        String bucket = call.request().bucket();
        objects.deleteBucket(bucket);
        owners.forget(bucket);
        settings.forget(bucket);
        return S3Response.noContent();
    }

    private S3Response location(S3Call call) {
        BucketInfo ignored = objects.headBucket(call.request().bucket());
        String value = region.equals("us-east-1") ? null : region;
        return S3Response.xml(Xml.write(new LocationConstraint(value)));
    }

    private S3Response getVersioning(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String status = objects.getBucketConfig(bucket, VERSIONING).orElse(null);
        return S3Response.xml(Xml.write(new VersioningConfiguration(status, null)));
    }

    private S3Response putVersioning(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        VersioningConfiguration config = Xml.read(call.body(), MAX_CONFIG_XML, VersioningConfiguration.class);
        String status = config.status();
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        objects.headBucket(bucket);
        if (!"Enabled".equals(status) && ObjectLockOperations.locked(objects, bucket)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_STATE,
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
        }
        objects.putBucketConfig(bucket, VERSIONING, status);
        return S3Response.ok();
    }

    /** The body, or null when the request has none (a bare CreateBucket). */
    static InputStream nonEmpty(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return null;
        }
        in.unread(first);
        return in;
    }
}
