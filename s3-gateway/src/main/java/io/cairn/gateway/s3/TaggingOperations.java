package io.cairn.gateway.s3;

import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.Tagging;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Object tags (kept in the version's metadata) and bucket tags (a bucket configuration document). */
final class TaggingOperations implements OperationFamily {

    static final int MAX_TAGGING_XML = 64 * 1024;
    private static final String BUCKET_TAGGING = "tagging";

    private final ObjectService objects;

    TaggingOperations(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.GetObjectTagging, this::getObjectTags);
        table.put(S3Operation.PutObjectTagging, this::putObjectTags);
        table.put(S3Operation.DeleteObjectTagging, this::deleteObjectTags);
        table.put(S3Operation.GetBucketTagging, this::getBucketTags);
        table.put(S3Operation.PutBucketTagging, this::putBucketTags);
        table.put(S3Operation.DeleteBucketTagging, this::deleteBucketTags);
    }

    private S3Response getObjectTags(S3Call call) {
        S3Request req = call.request();
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        String tags = info.metadata().getOrDefault(ObjectHeaders.TAGGING, "");
        return withVersion(S3Response.xml(Xml.write(TagSets.toXml(TagSets.parseQuery(tags)))), info);
    }

    private S3Response putObjectTags(S3Call call) throws IOException {
        S3Request req = call.request();
        Tagging tagging = Xml.read(call.body(), MAX_TAGGING_XML, Tagging.class);
        String tags = TagSets.canonical(TagSets.fromXml(tagging), TagSets.OBJECT_LIMIT);
        return withVersion(S3Response.ok(), retag(req, tags));
    }

    private S3Response deleteObjectTags(S3Call call) {
        return withVersion(S3Response.noContent(), retag(call.request(), null));
    }

    private ObjectInfo retag(S3Request req, String tags) {
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        Map<String, String> metadata = new LinkedHashMap<>(info.metadata());
        if (tags == null || tags.isEmpty()) {
            metadata.remove(ObjectHeaders.TAGGING);
        } else {
            metadata.put(ObjectHeaders.TAGGING, tags);
        }
        return objects.updateMetadata(req.bucket(), req.key(), info.versionId(), metadata);
    }

    private S3Response getBucketTags(S3Call call) {
        String tags = objects.getBucketConfig(call.request().bucket(), BUCKET_TAGGING)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_TAG_SET));
        return S3Response.xml(Xml.write(TagSets.toXml(TagSets.parseQuery(tags))));
    }

    private S3Response putBucketTags(S3Call call) throws IOException {
        Tagging tagging = Xml.read(call.body(), MAX_TAGGING_XML, Tagging.class);
        String tags = TagSets.canonical(TagSets.fromXml(tagging), TagSets.BUCKET_LIMIT);
        objects.putBucketConfig(call.request().bucket(), BUCKET_TAGGING, tags);
        return S3Response.noContent();
    }

    private S3Response deleteBucketTags(S3Call call) {
        objects.deleteBucketConfig(call.request().bucket(), BUCKET_TAGGING);
        return S3Response.noContent();
    }

    private static S3Response withVersion(S3Response r, ObjectInfo info) {
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        return r;
    }
}
