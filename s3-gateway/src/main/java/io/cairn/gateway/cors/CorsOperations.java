package io.cairn.gateway.cors;

import io.cairn.object.ObjectService;
import io.cairn.gateway.s3.OperationFamily;
import io.cairn.gateway.s3.OperationHandler;
import io.cairn.gateway.s3.S3Call;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Operation;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.xml.Xml;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** PutBucketCors, GetBucketCors and DeleteBucketCors over the bucket's "cors" configuration document. */
public final class CorsOperations implements OperationFamily {

    /** The bucket configuration name the document is stored under. */
    public static final String CONFIG = "cors";
    private static final int MAX_DOCUMENT = 64 * 1024;

    private final ObjectService objects;

    public CorsOperations(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketCors, this::put);
        table.put(S3Operation.GetBucketCors, this::get);
        table.put(S3Operation.DeleteBucketCors, this::delete);
    }

    private S3Response put(S3Call call) throws Exception {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        CorsConfiguration config = Xml.read(call.body(), MAX_DOCUMENT, CorsConfiguration.class);
        config.validate();
        objects.putBucketConfig(bucket, CONFIG, new String(Xml.write(config), StandardCharsets.UTF_8));
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String stored = objects.getBucketConfig(bucket, CONFIG)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_CORS_CONFIGURATION));
        return S3Response.xml(stored.getBytes(StandardCharsets.UTF_8));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        objects.deleteBucketConfig(bucket, CONFIG);
        return S3Response.noContent();
    }
}
