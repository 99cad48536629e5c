package io.cairn.gateway.s3;

import io.cairn.object.ObjectInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * GET/HEAD preconditions in S3's (RFC 7232's) order: If-Match beats If-Unmodified-Since (412), then
 * If-None-Match beats If-Modified-Since (304). Dates compare at second precision, as Last-Modified has.
 */
final class Conditionals {

    private Conditionals() {
    }

    static void check(S3Request request, ObjectInfo info) {
        check(request.header("If-Match"), request.header("If-Unmodified-Since"), request.header("If-None-Match"),
                request.header("If-Modified-Since"), info, false);
    }

    /** CopyObject's x-amz-copy-source-if-* headers: a failing one is always 412. */
    static void checkCopySource(S3Request request, ObjectInfo info) {
        check(request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-unmodified-since"),
                request.header("x-amz-copy-source-if-none-match"),
                request.header("x-amz-copy-source-if-modified-since"), info, true);
    }

    private static void check(String ifMatch, String ifUnmodifiedSince, String ifNoneMatch, String ifModifiedSince,
                              ObjectInfo info, boolean copy) {
        Instant modified = info.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!ETags.listMatches(ifMatch, info.etag())) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
            }
        } else {
            Instant since = HttpDates.parse(ifUnmodifiedSince);
            if (since != null && modified.isAfter(since)) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
            }
        }
        S3ErrorCode notModified = copy ? S3ErrorCode.PRECONDITION_FAILED : S3ErrorCode.NOT_MODIFIED;
        if (ifNoneMatch != null) {
            if (ETags.listMatches(ifNoneMatch, info.etag())) {
                throw notModified(notModified, info);
            }
        } else {
            Instant since = HttpDates.parse(ifModifiedSince);
            if (since != null && !modified.isAfter(since)) {
                throw notModified(notModified, info);
            }
        }
    }

    private static S3Exception notModified(S3ErrorCode code, ObjectInfo info) {
        if (code != S3ErrorCode.NOT_MODIFIED) {
            return new S3Exception(code);
        }
        return new S3Exception(code, code.defaultMessage(), Map.of("ETag", ETags.quote(info.etag()),
                "Last-Modified", HttpDates.format(info.lastModified())));
    }
}
