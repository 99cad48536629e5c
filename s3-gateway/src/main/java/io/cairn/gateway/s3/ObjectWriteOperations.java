package io.cairn.gateway.s3;

import io.cairn.object.DeleteResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PutOptions;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PutObject (metadata, conditional create, checksums) and DeleteObject. Checksums that arrive as trailers
 * are only known after the body, so they are added to the new version's metadata right after the write.
 */
final class ObjectWriteOperations implements OperationFamily {

    /** S3's largest single PUT. */
    static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;

    private final ObjectService objects;
    private final ObjectEncryption encryption;
    private final AclSettings acls;

    ObjectWriteOperations(ObjectService objects, ObjectEncryption encryption, AclSettings acls) {
        this.objects = objects;
        this.encryption = encryption;
        this.acls = acls;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutObject, this::put);
        table.put(S3Operation.DeleteObject, this::delete);
    }

    private S3Response put(S3Call call) {
        S3Request req = call.request();
        long size = declaredSize(req.headers());
        Map<String, String> metadata = new LinkedHashMap<>(ObjectHeaders.fromRequest(req.headers()));
        metadata.putAll(ObjectLockOperations.forNewObject(objects, req.bucket(), req.headers(), Instant.now()));
        for (Map.Entry<String, String> h : req.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(ObjectHeaders.CHECKSUM_PREFIX) && !name.equals("x-amz-checksum-type")) {
                metadata.put(name, h.getValue());
            }
        }
        String tagging = req.header("x-amz-tagging");
        if (tagging != null) {
            metadata.put(ObjectHeaders.TAGGING, TagSets.canonical(TagSets.parseQuery(tagging), TagSets.OBJECT_LIMIT));
        }
        // Checksums sent as trailers are known once the body is read: the object layer asks for them
        // before it commits, so they are stored atomically with the data.
        acls.forNewObject(call, metadata);
        PutOptions options = WriteConditions.of(req).precheck(objects, req.bucket(), req.key())
                .options(metadata, () -> withTrailingChecksums(metadata, call.checksums().get()));
        ObjectEncryption.Sse<ObjectInfo> written = encryption.put(req.bucket(), req.key(), call.body(), size, options,
                encryption.forWrite(req));
        ObjectInfo info = written.value();
        Map<String, String> verified = withTrailingChecksums(metadata, call.checksums().get());
        S3Response r = S3Response.ok().header("ETag", ETags.quote(info.etag()));
        written.headers(r);
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        for (Map.Entry<String, String> m : verified.entrySet()) {
            if (m.getKey().startsWith(ObjectHeaders.CHECKSUM_PREFIX)) {
                r.header(m.getKey(), m.getValue());
            }
        }
        return r;
    }

    private S3Response delete(S3Call call) {
        S3Request req = call.request();
        DeleteResult result = objects.deleteObject(req.bucket(), req.key(), req.param("versionId"),
                ObjectLockOperations.bypassGovernance(req));
        S3Response r = S3Response.noContent();
        if (result.versionId() != null && !result.versionId().equals("null")) {
            r.header("x-amz-version-id", result.versionId());
        }
        if (result.deleteMarker()) {
            r.header("x-amz-delete-marker", "true");
        }
        return r;
    }

    /** The body's decoded length (aws-chunked bodies state it separately); MissingContentLength without. */
    static long declaredSize(HttpHeaders headers) {
        String decoded = headers.get("x-amz-decoded-content-length");
        String length = decoded != null ? decoded : headers.get("Content-Length");
        if (length == null) {
            throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
        }
        long size;
        try {
            size = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid content length: " + length);
        }
        if (size < 0) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid content length: " + length);
        }
        if (size > MAX_PUT_SIZE) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE);
        }
        return size;
    }

    static Map<String, String> withTrailingChecksums(Map<String, String> metadata, Map<String, String> checksums) {
        if (checksums == null || checksums.isEmpty()) {
            return metadata;
        }
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        for (Map.Entry<String, String> c : checksums.entrySet()) {
            merged.put(ObjectHeaders.CHECKSUM_PREFIX + c.getKey().toLowerCase(Locale.ROOT), c.getValue());
        }
        return merged;
    }
}
