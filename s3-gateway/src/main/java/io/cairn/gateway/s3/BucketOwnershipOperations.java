package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.OwnershipControls;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Put/Get/DeleteBucketOwnershipControls and CreateBucket's x-amz-object-ownership: the bucket's object
 * ownership setting, kept as written. Whatever it says, the bucket owner owns every object; under
 * BucketOwnerEnforced ACLs are disabled: any grant beyond the owner's full control is refused.
 */
final class BucketOwnershipOperations implements OperationFamily {

    /** The bucket configuration holding the setting, absent when none was set. */
    static final String BUCKET_CONFIG = "ownership";
    private static final Set<String> SETTINGS = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred",
            "ObjectWriter");

    private final ObjectService objects;
    private final BucketSettings settings;

    BucketOwnershipOperations(ObjectService objects, BucketSettings settings) {
        this.objects = objects;
        this.settings = settings;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketOwnershipControls, this::put);
        table.put(S3Operation.GetBucketOwnershipControls, this::get);
        table.put(S3Operation.DeleteBucketOwnershipControls, this::delete);
    }

    /** CreateBucket: the x-amz-object-ownership header, null when absent; InvalidArgument for an unknown one. */
    static String fromCreateHeader(S3Request req) {
        String asked = req.header("x-amz-object-ownership");
        if (asked != null && !SETTINGS.contains(asked.trim())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid x-amz-object-ownership header: " + asked);
        }
        return asked == null ? null : asked.trim();
    }

    private S3Response put(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        OwnershipControls controls = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, OwnershipControls.class);
        if (controls.rules() == null || controls.rules().size() != 1 || controls.rules().get(0) == null
                || !SETTINGS.contains(controls.rules().get(0).objectOwnership())) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        objects.headBucket(bucket);
        // As AWS: a bucket whose ACL grants anything beyond the owner's full control cannot be switched to
        // BucketOwnerEnforced (only such an ACL is stored as a document: a private one is absent).
        if (controls.rules().get(0).objectOwnership().equals("BucketOwnerEnforced")
                && settings.get(bucket, BucketSettings.ACL).isPresent()) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
        }
        settings.put(bucket, BUCKET_CONFIG, controls.rules().get(0).objectOwnership());
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String setting = settings.get(bucket, BUCKET_CONFIG).orElseThrow(() ->
                new S3Exception(S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND));
        return S3Response.xml(Xml.write(OwnershipControls.of(setting)));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        settings.delete(bucket, BUCKET_CONFIG);
        return S3Response.noContent();
    }
}
