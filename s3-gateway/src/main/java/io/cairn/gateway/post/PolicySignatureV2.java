package io.cairn.gateway.post;

import io.cairn.presign.PostPolicyException;
import io.cairn.presign.SigV4;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The legacy (signature version 2) signature of a POST policy: base64 of HMAC-SHA1 over the base64
 * policy, keyed by the secret key. S3 still accepts it for form uploads (fields AWSAccessKeyId and
 * signature), and older upload libraries and forms only know this form; SigV2 for ordinary requests stays
 * refused.
 */
final class PolicySignatureV2 {

    private PolicySignatureV2() {
    }

    static String sign(String base64Policy, String secretKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(base64Policy.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** {@link PostPolicyException} (BAD_SIGNATURE) unless {@code presented} signs {@code base64Policy}. */
    static void verify(String base64Policy, String presented, String secretKey) {
        if (!SigV4.signaturesMatch(sign(base64Policy, secretKey), presented)) {
            throw new PostPolicyException(PostPolicyException.Reason.BAD_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your key and signing method.");
        }
    }
}
