package io.cairn.gateway.auth;

import io.cairn.presign.SigV4;

/** How the body is protected, as announced by x-amz-content-sha256. */
enum PayloadMode {
    /** No header, or UNSIGNED-PAYLOAD: nothing to check beyond optional digests. */
    UNSIGNED,
    /** 64 hex digits: the body's SHA-256, checked at end of body. */
    SIGNED_HASH,
    /** aws-chunked with a signature per chunk. */
    STREAMING_SIGNED,
    /** aws-chunked with a signature per chunk and signed trailing headers. */
    STREAMING_SIGNED_TRAILER,
    /** aws-chunked without signatures, with trailing headers (the SDKs' default for checksums). */
    STREAMING_UNSIGNED_TRAILER;

    /** The mode for a header value, or null when the value is malformed. */
    static PayloadMode of(String contentSha256) {
        if (contentSha256 == null || SigV4.UNSIGNED_PAYLOAD.equals(contentSha256)) {
            return UNSIGNED;
        }
        return switch (contentSha256) {
            case SigV4.STREAMING_SIGNED -> STREAMING_SIGNED;
            case SigV4.STREAMING_SIGNED_TRAILER -> STREAMING_SIGNED_TRAILER;
            case SigV4.STREAMING_UNSIGNED_TRAILER -> STREAMING_UNSIGNED_TRAILER;
            default -> SigV4.isHex64(contentSha256) ? SIGNED_HASH : null;
        };
    }

    boolean chunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    boolean signedChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    boolean trailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }
}
