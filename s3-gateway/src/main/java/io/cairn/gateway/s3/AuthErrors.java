package io.cairn.gateway.s3;

import io.cairn.gateway.auth.AuthException;
import io.cairn.gateway.auth.BodyVerificationException;
import java.util.Map;

/** Maps the authentication layer's failures (request head and body verification) to S3 errors. */
final class AuthErrors {

    private AuthErrors() {
    }

    /** The S3 error for an authentication failure, or null if {@code t} is not one. */
    static S3Error map(Throwable t) {
        if (t instanceof AuthException e) {
            return new S3Error(head(e.reason()), e.getMessage(), Map.of());
        }
        if (t instanceof BodyVerificationException e) {
            return new S3Error(body(e.reason()), e.getMessage(), Map.of());
        }
        return null;
    }

    private static S3ErrorCode head(AuthException.Reason reason) {
        return switch (reason) {
            case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
            case INVALID_ACCESS_KEY_ID -> S3ErrorCode.INVALID_ACCESS_KEY_ID;
            case REQUEST_TIME_TOO_SKEWED -> S3ErrorCode.REQUEST_TIME_TOO_SKEWED;
            case EXPIRED_PRESIGNED, PRESIGNED_NOT_YET_VALID, MISSING_DATE, SIGNED_PAYLOAD_WITHOUT_SIGNATURE,
                    HEADERS_NOT_SIGNED ->
                    S3ErrorCode.ACCESS_DENIED;
            case AUTHORIZATION_HEADER_MALFORMED -> S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED;
            case AUTHORIZATION_QUERY_MALFORMED, INVALID_EXPIRES -> S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
            case UNSUPPORTED_ALGORITHM, MISSING_CONTENT_SHA256, SIGV2_NOT_SUPPORTED -> S3ErrorCode.INVALID_REQUEST;
            case INVALID_CONTENT_SHA256, AMBIGUOUS_AUTHENTICATION -> S3ErrorCode.INVALID_ARGUMENT;
        };
    }

    private static S3ErrorCode body(BodyVerificationException.Reason reason) {
        return switch (reason) {
            case BAD_DIGEST, CHECKSUM_MISMATCH -> S3ErrorCode.BAD_DIGEST;
            case CONTENT_SHA256_MISMATCH -> S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH;
            case INCOMPLETE_BODY, MALFORMED_CHUNK -> S3ErrorCode.INCOMPLETE_BODY;
            case CHUNK_SIGNATURE_MISMATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
            case MALFORMED_TRAILER -> S3ErrorCode.MALFORMED_TRAILER_ERROR;
            case INVALID_DIGEST -> S3ErrorCode.INVALID_DIGEST;
            case INVALID_CHECKSUM_HEADER -> S3ErrorCode.INVALID_REQUEST;
            case MISSING_DECODED_LENGTH -> S3ErrorCode.MISSING_CONTENT_LENGTH;
            case TOO_LARGE -> S3ErrorCode.ENTITY_TOO_LARGE;
        };
    }
}
