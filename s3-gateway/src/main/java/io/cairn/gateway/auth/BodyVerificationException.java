package io.cairn.gateway.auth;

import java.io.IOException;

/**
 * A request body that fails verification, thrown by the wrapped body stream (at the latest where it
 * would have returned end of stream), so whoever reads it never commits the data.
 */
public final class BodyVerificationException extends IOException {
    private final Reason reason;

    public BodyVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why the body was refused; each constant names the S3 error AWS answers with. */
    public enum Reason {
        /** BadDigest, 400: Content-MD5 does not match the body. */
        BAD_DIGEST,
        /** XAmzContentSHA256Mismatch, 400: the body's SHA-256 is not x-amz-content-sha256. */
        CONTENT_SHA256_MISMATCH,
        /** BadDigest, 400, "The CRC32 you specified did not match the calculated checksum." */
        CHECKSUM_MISMATCH,
        /** IncompleteBody, 400: fewer (or more) bytes than Content-Length / x-amz-decoded-content-length. */
        INCOMPLETE_BODY,
        /** SignatureDoesNotMatch, 403: an aws-chunked chunk or trailer signature is wrong. */
        CHUNK_SIGNATURE_MISMATCH,
        /** IncompleteBody, 400: aws-chunked framing is broken (bad size line, missing CRLF, extra bytes). */
        MALFORMED_CHUNK,
        /** MalformedTrailerError, 400: a trailer line is broken or a declared trailer is missing. */
        MALFORMED_TRAILER,
        /** InvalidDigest, 400: Content-MD5 is not base64 of 16 bytes. */
        INVALID_DIGEST,
        /** InvalidRequest, 400: a malformed, duplicated or unannounced x-amz-checksum-* header or trailer. */
        INVALID_CHECKSUM_HEADER,
        /** MissingContentLength, 411: aws-chunked without x-amz-decoded-content-length. */
        MISSING_DECODED_LENGTH,
        /** EntityTooLarge, 400: above the 5 GiB a single PUT may carry. */
        TOO_LARGE
    }
}
