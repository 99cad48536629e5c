package io.cairn.gateway.s3;

import io.cairn.object.DeleteResult;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.DeleteRequest;
import io.cairn.gateway.xml.DeleteResultDocument;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DeleteObjects: up to 1000 keys, quiet mode reports only failures. Like S3 it insists on an integrity
 * check of the body (Content-MD5 or a flexible checksum), which the authentication layer verifies.
 */
final class DeleteObjectsOperation implements OperationFamily {

    static final int MAX_KEYS = 1000;
    /** 1000 keys of 1024 bytes plus markup. */
    static final int MAX_BODY = 2 * 1024 * 1024;

    private final ObjectService objects;
    private final BucketAccess access;

    DeleteObjectsOperation(ObjectService objects, BucketAccess access) {
        this.objects = objects;
        this.access = access;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.DeleteObjects, this::deleteObjects);
    }

    private S3Response deleteObjects(S3Call call) throws IOException {
        S3Request req = call.request();
        if (!hasIntegrityCheck(req)) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "Missing required header for this request: Content-MD5");
        }
        DeleteRequest body = Xml.read(call.body(), MAX_BODY, DeleteRequest.class);
        if (body.objects().isEmpty() || body.objects().size() > MAX_KEYS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        objects.headBucket(req.bucket());
        boolean quiet = Boolean.TRUE.equals(body.quiet());
        boolean bypass = ObjectLockOperations.bypassGovernance(req);
        List<DeleteResultDocument.Deleted> deleted = new ArrayList<>();
        List<DeleteResultDocument.Failed> failed = new ArrayList<>();
        for (DeleteRequest.ObjectId id : body.objects()) {
            try {
                if (id.key() == null || id.key().isEmpty()) {
                    throw new S3Exception(S3ErrorCode.MALFORMED_XML);
                }
                access.authorizeDelete(call, id.key(), id.versionId());
                DeleteResult r = objects.deleteObject(req.bucket(), id.key(), id.versionId(), bypass);
                if (!quiet) {
                    deleted.add(new DeleteResultDocument.Deleted(id.key(), id.versionId(),
                            r.deleteMarker() ? Boolean.TRUE : null, r.deleteMarker() ? r.versionId() : null));
                }
            } catch (RuntimeException e) {
                S3Error error = S3ExceptionMapper.map(e);
                failed.add(new DeleteResultDocument.Failed(id.key(), id.versionId(), error.code().code(),
                        error.message()));
            }
        }
        return S3Response.xml(Xml.write(new DeleteResultDocument(deleted, failed)));
    }

    private static boolean hasIntegrityCheck(S3Request req) {
        if (req.header("Content-MD5") != null || req.header("x-amz-sdk-checksum-algorithm") != null
                || req.header("x-amz-trailer") != null) {
            return true;
        }
        return req.headers().names().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-"));
    }
}
