package io.cairn.gateway.s3;

import io.cairn.object.DeleteMarkerException;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import io.cairn.object.PutOptions;
import java.util.Map;
import java.util.function.Supplier;

/**
 * If-Match / If-None-Match on writes (PutObject, CompleteMultipartUpload, CopyObject's target). A
 * concrete If-Match ETag and If-None-Match: * are handed to the object layer, which checks them atomically
 * with the commit; the rest (If-Match: *, If-None-Match: ETag, and which error an absent key gives) is
 * decided here against the current version first, as S3 does: If-Match on an absent key is NoSuchKey.
 */
final class WriteConditions {

    private final String ifMatch;
    private final String ifNoneMatch;

    private WriteConditions(String ifMatch, String ifNoneMatch) {
        this.ifMatch = ifMatch == null ? null : ifMatch.trim();
        this.ifNoneMatch = ifNoneMatch == null ? null : ifNoneMatch.trim();
    }

    static WriteConditions of(S3Request req) {
        return new WriteConditions(req.header("If-Match"), req.header("If-None-Match"));
    }

    /** Checks the conditions against the current version; no-op without conditions. */
    WriteConditions precheck(ObjectService objects, String bucket, String key) {
        if (ifMatch == null && ifNoneMatch == null) {
            return this;
        }
        ObjectInfo current = current(objects, bucket, key);
        if (ifMatch != null) {
            if (current == null) {
                throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
            }
            if (!ETags.listMatches(ifMatch, current.etag())) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
            }
        }
        if (ifNoneMatch != null && current != null && ETags.listMatches(ifNoneMatch, current.etag())) {
            throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
        }
        return this;
    }

    PutOptions options(Map<String, String> metadata, Supplier<Map<String, String>> bodyMetadata) {
        boolean createOnly = "*".equals(ifNoneMatch);
        String etag = ifMatch == null || ifMatch.equals("*") || ifMatch.indexOf(',') >= 0 ? null
                : ETags.unquote(ifMatch);
        return new PutOptions(metadata, createOnly, etag, bodyMetadata);
    }

    private static ObjectInfo current(ObjectService objects, String bucket, String key) {
        try {
            return objects.headObject(bucket, key, null);
        } catch (ObjectNotFoundException | DeleteMarkerException e) {
            return null;
        }
    }
}
