package io.cairn.gateway.s3;

import io.cairn.gateway.xml.Xml;
import io.cairn.object.ObjectService;
import java.io.IOException;
import java.util.Map;

/**
 * Put/Get/DeletePublicAccessBlock: the bucket's public access block, kept with the other bucket settings
 * and applied by {@link BucketAccess} (RestrictPublicBuckets, IgnorePublicAcls), by {@link Acls#admit}
 * (BlockPublicAcls) and by {@link PolicyOperations} (BlockPublicPolicy).
 */
final class PublicAccessBlockOperations implements OperationFamily {

    private final ObjectService objects;
    private final BucketSettings settings;

    PublicAccessBlockOperations(ObjectService objects, BucketSettings settings) {
        this.objects = objects;
        this.settings = settings;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutPublicAccessBlock, this::put);
        table.put(S3Operation.GetPublicAccessBlock, this::get);
        table.put(S3Operation.DeletePublicAccessBlock, this::delete);
    }

    private S3Response put(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        PublicAccessBlock block = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, PublicAccessBlock.class);
        objects.headBucket(bucket);
        settings.put(bucket, BucketSettings.PUBLIC_ACCESS_BLOCK, block.encode());
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String stored = settings.get(bucket, BucketSettings.PUBLIC_ACCESS_BLOCK).orElseThrow(() ->
                new S3Exception(S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION));
        return S3Response.xml(Xml.write(PublicAccessBlock.decode(stored)));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        settings.delete(bucket, BucketSettings.PUBLIC_ACCESS_BLOCK);
        return S3Response.noContent();
    }
}
