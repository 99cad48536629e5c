package io.cairn.presign;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs and verifies SigV4 POST policies: the signature is the hex HMAC-SHA256 of the base64 policy under
 * the same signing key a request of that date, region and service would use.
 */
public final class PostPolicySigner {

    private PostPolicySigner() {
    }

    /**
     * A form for uploading to {@code bucket}: each of {@code fields} (e.g. key, Content-Type,
     * success_action_status, x-amz-meta-*) is pinned with an "eq" condition unless one of
     * {@code conditions} already names it (e.g. starts-with on $key); the bucket and the x-amz-algorithm,
     * -credential and -date fields are always pinned.
     */
    public static PostForm sign(URI endpoint, String bucket, Map<String, String> fields,
                                List<PostCondition> conditions, Duration expires, SigningCredentials credentials,
                                String region, Instant now) {
        CredentialScope scope = new CredentialScope(SigV4.scopeDate(now), region, SigV4.SERVICE);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("x-amz-algorithm", SigV4.ALGORITHM);
        all.put("x-amz-credential", scope.credential(credentials.accessKey()));
        all.put("x-amz-date", SigV4.amzDate(now));

        List<PostCondition> policyConditions = new ArrayList<>();
        policyConditions.add(new PostCondition.Eq("bucket", bucket));
        policyConditions.addAll(conditions);
        for (Map.Entry<String, String> f : all.entrySet()) {
            if (!names(conditions, f.getKey())) {
                policyConditions.add(new PostCondition.Eq(f.getKey(), f.getValue()));
            }
        }
        PostPolicy policy = new PostPolicy(now.plus(expires), policyConditions);
        String base64 = policy.toBase64();
        all.put("policy", base64);
        all.put("x-amz-signature", signature(base64, credentials.secretKey(), scope));
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        return new PostForm(base + "/" + UriEncoding.encode(bucket), all, policy);
    }

    /** The hex signature of a base64 policy. */
    public static String signature(String base64Policy, String secretKey, CredentialScope scope) {
        return SigV4.signature(SigningKeys.derive(secretKey, scope), base64Policy);
    }

    /** {@link PostPolicyException} (BAD_SIGNATURE) unless {@code presented} signs {@code base64Policy}. */
    public static void verify(String base64Policy, String presented, String secretKey, CredentialScope scope) {
        if (!SigV4.signaturesMatch(signature(base64Policy, secretKey, scope), presented)) {
            throw new PostPolicyException(PostPolicyException.Reason.BAD_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your key and signing method.");
        }
    }

    private static boolean names(List<PostCondition> conditions, String field) {
        String f = field.toLowerCase(Locale.ROOT);
        for (PostCondition c : conditions) {
            if ((c instanceof PostCondition.Eq eq && eq.field().equals(f))
                    || (c instanceof PostCondition.StartsWith sw && sw.field().equals(f))) {
                return true;
            }
        }
        return false;
    }
}
