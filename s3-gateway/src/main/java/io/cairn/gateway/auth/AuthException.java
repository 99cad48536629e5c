package io.cairn.gateway.auth;

/** A request whose head fails authentication. The message is safe to show to the client. */
public final class AuthException extends Exception {
    private final Reason reason;

    public AuthException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why authentication failed; each constant names the S3 error AWS answers with. */
    public enum Reason {
        /** SignatureDoesNotMatch, 403. */
        SIGNATURE_DOES_NOT_MATCH,
        /** InvalidAccessKeyId, 403. */
        INVALID_ACCESS_KEY_ID,
        /** RequestTimeTooSkewed, 403: more than 15 minutes between the request date and our clock. */
        REQUEST_TIME_TOO_SKEWED,
        /** AccessDenied, 403, "Request has expired". */
        EXPIRED_PRESIGNED,
        /** AccessDenied, 403, "Request is not valid yet": a presigned URL dated in the future. */
        PRESIGNED_NOT_YET_VALID,
        /** AuthorizationHeaderMalformed, 400 (also a wrong region, service or date in the scope). */
        AUTHORIZATION_HEADER_MALFORMED,
        /** AuthorizationQueryParametersError, 400. */
        AUTHORIZATION_QUERY_MALFORMED,
        /** AccessDenied, 403, "AWS authentication requires a valid Date or x-amz-date header". */
        MISSING_DATE,
        /** InvalidRequest, 400, "Please use AWS4-HMAC-SHA256." (e.g. SigV4A, HMAC-SHA1). */
        UNSUPPORTED_ALGORITHM,
        /** AuthorizationQueryParametersError, 400: X-Amz-Expires above 604800 or below 1. */
        INVALID_EXPIRES,
        /** InvalidArgument, 400: x-amz-content-sha256 is neither a known token nor 64 hex digits. */
        INVALID_CONTENT_SHA256,
        /** InvalidRequest, 400, "Missing required header for this request: x-amz-content-sha256". */
        MISSING_CONTENT_SHA256,
        /** InvalidRequest, 400, "Please use AWS4-HMAC-SHA256.": Signature Version 2 is not supported. */
        SIGV2_NOT_SUPPORTED,
        /** InvalidArgument, 400, "Only one auth mechanism allowed": both header and query signatures. */
        AMBIGUOUS_AUTHENTICATION,
        /** AccessDenied, 403: a signed aws-chunked body on a request that carries no signature. */
        SIGNED_PAYLOAD_WITHOUT_SIGNATURE,
        /**
         * AccessDenied, 403, "There were headers present in the request which were not signed": an
         * {@code x-amz-*} header that the signature does not cover, which could have been added on the way.
         */
        HEADERS_NOT_SIGNED
    }
}
