package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.SseException;
import io.cairn.object.BucketExistsException;
import io.cairn.object.BucketNotEmptyException;
import io.cairn.object.BucketNotFoundException;
import io.cairn.object.DeleteMarkerException;
import io.cairn.object.EntityTooSmallException;
import io.cairn.object.InvalidArgumentException;
import io.cairn.object.InvalidPartException;
import io.cairn.object.InvalidPartOrderException;
import io.cairn.object.InvalidRangeException;
import io.cairn.object.ObjectLayerException;
import io.cairn.object.ObjectLockedException;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.PreconditionFailedException;
import io.cairn.object.QuorumException;
import io.cairn.object.UploadNotFoundException;
import io.cairn.gateway.xml.MalformedXmlException;
import io.cairn.object.VersionNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one place that decides which S3 error an exception becomes. Object-layer, authentication, body and
 * request-validation failures each map to a code; anything else is an InternalError.
 */
public final class S3ExceptionMapper {

    private S3ExceptionMapper() {
    }

    public static S3Error map(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof S3Exception e) {
            return new S3Error(e.code(), e.getMessage(), e.headers());
        }
        if (cause instanceof ObjectLayerException e) {
            return objectLayer(e);
        }
        if (cause instanceof SseException e) {
            return ObjectEncryption.error(e);
        }
        S3Error auth = AuthErrors.map(cause);
        if (auth != null) {
            return auth;
        }
        if (cause instanceof MalformedXmlException) {
            return S3Error.of(S3ErrorCode.MALFORMED_XML);
        }
        if (cause instanceof IncompleteBodyException e) {
            return new S3Error(S3ErrorCode.INCOMPLETE_BODY, e.getMessage(), Map.of());
        }
        if (cause instanceof RejectedExecutionException) {
            return S3Error.of(S3ErrorCode.SLOW_DOWN);
        }
        return S3Error.of(S3ErrorCode.INTERNAL_ERROR);
    }

    /** The object layer wraps a failing body stream's IOException; the stream's reason decides. */
    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur instanceof ObjectLayerException && cur.getCause() instanceof IOException io) {
            cur = io;
        }
        if (cur instanceof UncheckedIOException u && u.getCause() != null) {
            cur = u.getCause();
        }
        return cur;
    }

    /** S3 tells a client that the version it reached is a delete marker in headers. */
    private static Map<String, String> deleteMarkerHeaders(String versionId) {
        return versionId == null ? Map.of("x-amz-delete-marker", "true")
                : Map.of("x-amz-delete-marker", "true", "x-amz-version-id", versionId);
    }

    private static S3Error objectLayer(ObjectLayerException e) {
        S3ErrorCode code;
        if (e instanceof BucketNotFoundException) {
            code = S3ErrorCode.NO_SUCH_BUCKET;
        } else if (e instanceof VersionNotFoundException) {
            code = S3ErrorCode.NO_SUCH_VERSION;
        } else if (e instanceof ObjectNotFoundException nf) {
            if (nf.deleteMarker()) {
                return new S3Error(S3ErrorCode.NO_SUCH_KEY, S3ErrorCode.NO_SUCH_KEY.defaultMessage(),
                        deleteMarkerHeaders(nf.versionId()));
            }
            code = S3ErrorCode.NO_SUCH_KEY;
        } else if (e instanceof DeleteMarkerException dm) {
            return new S3Error(S3ErrorCode.METHOD_NOT_ALLOWED, S3ErrorCode.METHOD_NOT_ALLOWED.defaultMessage(),
                    deleteMarkerHeaders(dm.versionId()));
        } else if (e instanceof BucketExistsException) {
            code = S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU;
        } else if (e instanceof BucketNotEmptyException) {
            code = S3ErrorCode.BUCKET_NOT_EMPTY;
        } else if (e instanceof UploadNotFoundException) {
            code = S3ErrorCode.NO_SUCH_UPLOAD;
        } else if (e instanceof InvalidPartException) {
            code = S3ErrorCode.INVALID_PART;
        } else if (e instanceof InvalidPartOrderException) {
            code = S3ErrorCode.INVALID_PART_ORDER;
        } else if (e instanceof EntityTooSmallException) {
            code = S3ErrorCode.ENTITY_TOO_SMALL;
        } else if (e instanceof InvalidRangeException) {
            code = S3ErrorCode.INVALID_RANGE;
        } else if (e instanceof InvalidArgumentException) {
            return new S3Error(S3ErrorCode.INVALID_ARGUMENT, e.getMessage(), Map.of());
        } else if (e instanceof ObjectLockedException) {
            return new S3Error(S3ErrorCode.ACCESS_DENIED, e.getMessage(), Map.of());
        } else if (e instanceof PreconditionFailedException) {
            code = S3ErrorCode.PRECONDITION_FAILED;
        } else if (e instanceof QuorumException) {
            code = S3ErrorCode.SLOW_DOWN;
        } else {
            code = S3ErrorCode.INTERNAL_ERROR;
        }
        return S3Error.of(code);
    }
}
