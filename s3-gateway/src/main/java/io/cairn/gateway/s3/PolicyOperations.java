package io.cairn.gateway.s3;

import io.cairn.gateway.policy.MalformedPolicyException;
import io.cairn.gateway.policy.Policy;
import io.cairn.object.ObjectService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. The policy is checked when it is put (a policy
 * that cannot be enforced as written is MalformedPolicy, never stored) and kept as the client wrote it,
 * with the other bucket settings. Only the bucket owner (or root) gets here: see {@link S3Actions}.
 */
final class PolicyOperations implements OperationFamily {

    /** AWS's limit on a bucket policy. */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    private final ObjectService objects;
    private final BucketSettings settings;

    PolicyOperations(ObjectService objects, BucketSettings settings) {
        this.objects = objects;
        this.settings = settings;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketPolicy, this::put);
        table.put(S3Operation.GetBucketPolicy, this::get);
        table.put(S3Operation.DeleteBucketPolicy, this::delete);
        table.put(S3Operation.GetBucketPolicyStatus, this::status);
    }

    private S3Response put(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String json = read(call.body());
        Policy policy;
        try {
            policy = Policy.parse(json, bucket, S3Actions::known);
        } catch (MalformedPolicyException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, e.getMessage());
        }
        if (policy.isPublic() && Acls.publicAccessBlock(settings, bucket).blockPublicPolicy()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Access Denied: the bucket's public access block"
                    + " refuses public policies (BlockPublicPolicy).");
        }
        settings.put(bucket, BucketSettings.POLICY, json);
        return S3Response.noContent();
    }

    private S3Response get(S3Call call) {
        String json = stored(call.request().bucket());
        return S3Response.ok().header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        settings.delete(bucket, BucketSettings.POLICY);
        return S3Response.noContent();
    }

    private S3Response status(S3Call call) {
        String bucket = call.request().bucket();
        boolean isPublic;
        try {
            isPublic = Policy.parse(stored(bucket), bucket, S3Actions::known).isPublic();
        } catch (MalformedPolicyException e) {
            isPublic = false; // a stored policy this version cannot read grants nothing
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PolicyStatus xmlns=\""
                + io.cairn.gateway.xml.Xml.S3_NS + "\"><IsPublic>" + isPublic + "</IsPublic></PolicyStatus>";
        return S3Response.xml(xml.getBytes(StandardCharsets.UTF_8));
    }

    private String stored(String bucket) {
        objects.headBucket(bucket);
        return settings.get(bucket, BucketSettings.POLICY)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY));
    }

    private static String read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_POLICY_BYTES + 1);
        if (bytes.length > MAX_POLICY_BYTES) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Policies must be less than 20 KB.");
        }
        // The rest of the body (none) must still be read to its end so that its signature is verified.
        if (body.read() != -1) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Policies must be less than 20 KB.");
        }
        if (bytes.length == 0) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Policies must be valid JSON and the first byte"
                    + " must be '{'");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
