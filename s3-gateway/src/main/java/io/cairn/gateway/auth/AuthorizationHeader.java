package io.cairn.gateway.auth;

import io.cairn.gateway.auth.AuthException.Reason;
import io.cairn.presign.CredentialScope;
import io.cairn.presign.SigV4;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of "AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=..." (spaces after commas optional).
 */
record AuthorizationHeader(String accessKey, CredentialScope scope, List<String> signedHeaders, String signature) {

    static AuthorizationHeader parse(String value) throws AuthException {
        if (value.startsWith("AWS ")) {
            throw new AuthException(Reason.SIGV2_NOT_SUPPORTED,
                    "Signature Version 2 is not supported. Please use AWS4-HMAC-SHA256.");
        }
        if (!value.startsWith(SigV4.ALGORITHM + " ")) {
            throw new AuthException(Reason.UNSUPPORTED_ALGORITHM,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : value.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String field = part.strip();
            int eq = field.indexOf('=');
            if (eq <= 0 || fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                throw malformed("The authorization header is malformed; '" + field + "' is not a field.");
            }
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (credential == null || signedHeaders == null || signature == null || fields.size() != 3) {
            throw malformed("The authorization header is malformed; it needs Credential, SignedHeaders and Signature.");
        }
        CredentialScope.Parsed parsed = CredentialScope.parseCredential(credential).orElseThrow(() ->
                malformed("The authorization header is malformed; the Credential is mal-formed; expecting "
                        + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."));
        if (!SigV4.isHex64(signature)) {
            throw malformed("The authorization header is malformed; the Signature is not 64 hex digits.");
        }
        return new AuthorizationHeader(parsed.accessKey(), parsed.scope(),
                SignedHeaderList.parse(signedHeaders, Reason.AUTHORIZATION_HEADER_MALFORMED), signature);
    }

    private static AuthException malformed(String message) {
        return new AuthException(Reason.AUTHORIZATION_HEADER_MALFORMED, message);
    }
}
