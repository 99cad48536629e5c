package io.cairn.gateway.auth;

import io.cairn.gateway.auth.AuthException.Reason;
import io.cairn.presign.CredentialScope;
import io.cairn.presign.SigV4;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The X-Amz-* query parameters of a presigned URL. */
record PresignedQuery(String accessKey, CredentialScope scope, Instant date, long expiresSeconds,
                      List<String> signedHeaders, String signature, String payloadHash) {
    static final String SIGNATURE = "X-Amz-Signature";

    static PresignedQuery parse(Map<String, String> query) throws AuthException {
        String algorithm = require(query, "X-Amz-Algorithm");
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw new AuthException(Reason.UNSUPPORTED_ALGORITHM, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        String credential = require(query, "X-Amz-Credential");
        String date = require(query, "X-Amz-Date");
        String expires = require(query, "X-Amz-Expires");
        String signedHeaders = require(query, "X-Amz-SignedHeaders");
        String signature = require(query, SIGNATURE);
        CredentialScope.Parsed parsed = CredentialScope.parseCredential(credential).orElseThrow(() ->
                malformed("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "
                        + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."));
        Instant instant = RequestDates.parseAmzDate(date);
        if (instant == null) {
            throw malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new AuthException(Reason.INVALID_EXPIRES, "X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            throw new AuthException(Reason.INVALID_EXPIRES, "X-Amz-Expires must be non-negative");
        }
        if (seconds > SigV4.MAX_EXPIRES_SECONDS) {
            throw new AuthException(Reason.INVALID_EXPIRES,
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (!SigV4.isHex64(signature)) {
            throw malformed("X-Amz-Signature is not 64 hex digits");
        }
        String payloadHash = query.getOrDefault("X-Amz-Content-Sha256", SigV4.UNSIGNED_PAYLOAD);
        return new PresignedQuery(parsed.accessKey(), parsed.scope(), instant, seconds,
                SignedHeaderList.parse(signedHeaders, Reason.AUTHORIZATION_QUERY_MALFORMED), signature, payloadHash);
    }

    private static String require(Map<String, String> query, String name) throws AuthException {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw malformed("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        return value;
    }

    private static AuthException malformed(String message) {
        return new AuthException(Reason.AUTHORIZATION_QUERY_MALFORMED, message);
    }
}
