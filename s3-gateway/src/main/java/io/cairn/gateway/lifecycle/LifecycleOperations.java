package io.cairn.gateway.lifecycle;

import io.cairn.gateway.s3.OperationFamily;
import io.cairn.gateway.s3.OperationHandler;
import io.cairn.gateway.s3.S3Call;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Operation;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.xml.Xml;
import io.cairn.object.ObjectService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Put/Get/DeleteBucketLifecycle(Configuration) over the bucket's "lifecycle" configuration document; the rules
 * are applied by {@link LifecycleJob}.
 */
public final class LifecycleOperations implements OperationFamily {

    /** The bucket configuration holding the document. */
    public static final String CONFIG = "lifecycle";
    private static final int MAX_DOCUMENT = 1024 * 1024;

    private final ObjectService objects;

    public LifecycleOperations(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketLifecycleConfiguration, this::put);
        table.put(S3Operation.GetBucketLifecycleConfiguration, this::get);
        table.put(S3Operation.DeleteBucketLifecycle, this::delete);
    }

    private S3Response put(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        LifecycleDocument doc = Xml.read(call.body(), MAX_DOCUMENT, LifecycleDocument.class);
        doc.toRules();
        objects.headBucket(bucket);
        objects.putBucketConfig(bucket, CONFIG, new String(Xml.write(doc.withIds()), StandardCharsets.UTF_8));
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String stored = objects.getBucketConfig(bucket, CONFIG).orElseThrow(() -> new S3Exception(
                S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION));
        return S3Response.xml(stored.getBytes(StandardCharsets.UTF_8));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        objects.deleteBucketConfig(bucket, CONFIG);
        return S3Response.noContent();
    }

    /** The bucket's rules, if it has a lifecycle configuration. */
    static Optional<List<LifecycleRule>> rules(ObjectService objects, String bucket) {
        return objects.getBucketConfig(bucket, CONFIG).map(stored -> {
            try {
                return Xml.read(new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)), MAX_DOCUMENT,
                        LifecycleDocument.class).toRules();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
