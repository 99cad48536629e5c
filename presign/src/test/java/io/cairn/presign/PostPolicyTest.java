package io.cairn.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostPolicyTest {

    private static final SigningCredentials CREDS = new SigningCredentials("AKID", "secret/key");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static PostForm form() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "uploads/${filename}");
        fields.put("Content-Type", "image/png");
        fields.put("success_action_status", "201");
        return PostPolicySigner.sign(URI.create("http://127.0.0.1:9000"), "photos", fields,
                List.of(new PostCondition.StartsWith("$key", "uploads/"), new PostCondition.ContentLengthRange(1, 100)),
                Duration.ofMinutes(10), CREDS, "us-east-1", NOW);
    }

    private static Map<String, String> submitted(PostForm form) {
        Map<String, String> out = new HashMap<>();
        form.fields().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    @Test
    void signedFormPassesItsOwnPolicyAndSignature() {
        PostForm form = form();
        assertThat(form.url()).isEqualTo("http://127.0.0.1:9000/photos");
        assertThat(form.fields()).containsEntry("x-amz-credential", "AKID/20260301/us-east-1/s3/aws4_request")
                .containsEntry("x-amz-date", "20260301T100000Z").containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256");
        PostPolicy parsed = PostPolicy.parse(form.fields().get("policy"));
        assertThat(parsed).isEqualTo(form.policy());
        assertThat(parsed.expiration()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z"));
        CredentialScope scope = new CredentialScope("20260301", "us-east-1", "s3");
        PostPolicySigner.verify(form.fields().get("policy"), form.fields().get("x-amz-signature"), "secret/key", scope);
        PostCondition.ContentLengthRange range =
                PostPolicyCheck.check(parsed, "photos", submitted(form), NOW.plusSeconds(60));
        assertThat(range).isEqualTo(new PostCondition.ContentLengthRange(1, 100));
    }

    @Test
    void aTamperedPolicyFailsTheSignature() {
        PostForm form = form();
        String json = form.policy().toJson().replace("uploads/", "other/");
        String tampered = Base64.getEncoder().encodeToString(json.getBytes());
        CredentialScope scope = new CredentialScope("20260301", "us-east-1", "s3");
        assertThatThrownBy(() -> PostPolicySigner.verify(tampered, form.fields().get("x-amz-signature"),
                "secret/key", scope))
                .isInstanceOfSatisfying(PostPolicyException.class,
                        e -> assertThat(e.reason()).isEqualTo(PostPolicyException.Reason.BAD_SIGNATURE));
    }

    @Test
    void expiredWrongFieldAndExtraFieldAreDeniedWithS3Messages() {
        PostForm form = form();
        PostPolicy policy = form.policy();
        assertThatThrownBy(() -> PostPolicyCheck.check(policy, "photos", submitted(form), NOW.plusSeconds(600)))
                .hasMessage("Invalid according to Policy: Policy expired.");
        Map<String, String> wrongType = submitted(form);
        wrongType.put("content-type", "text/html");
        assertThatThrownBy(() -> PostPolicyCheck.check(policy, "photos", wrongType, NOW))
                .hasMessage("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$content-type\", \"image/png\"]");
        Map<String, String> wrongKey = submitted(form);
        wrongKey.put("key", "elsewhere/x");
        assertThatThrownBy(() -> PostPolicyCheck.check(policy, "photos", wrongKey, NOW))
                .hasMessage("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"uploads/\"]");
        assertThatThrownBy(() -> PostPolicyCheck.check(policy, "other-bucket", submitted(form), NOW))
                .hasMessageContaining("[\"eq\", \"$bucket\", \"photos\"]");
        Map<String, String> extra = submitted(form);
        extra.put("x-amz-meta-owner", "mallory");
        assertThatThrownBy(() -> PostPolicyCheck.check(policy, "photos", extra, NOW))
                .hasMessage("Invalid according to Policy: Extra input fields: x-amz-meta-owner");
        Map<String, String> ignored = submitted(form);
        ignored.put("x-ignore-note", "anything");
        PostPolicyCheck.check(policy, "photos", ignored, NOW);
    }

    @Test
    void sizeRangeIsInclusive() {
        PostCondition.ContentLengthRange r = new PostCondition.ContentLengthRange(1, 100);
        PostPolicyCheck.checkSize(r, 1);
        PostPolicyCheck.checkSize(r, 100);
        assertThatThrownBy(() -> PostPolicyCheck.checkSize(r, 101)).isInstanceOfSatisfying(PostPolicyException.class,
                e -> assertThat(e.reason()).isEqualTo(PostPolicyException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> PostPolicyCheck.checkSize(r, 0)).isInstanceOfSatisfying(PostPolicyException.class,
                e -> assertThat(e.reason()).isEqualTo(PostPolicyException.Reason.TOO_SMALL));
    }

    @Test
    void parsesAwsStylePoliciesAndRejectsMalformedOnes() {
        String json = "{ \"expiration\": \"2030-12-30T12:00:00.000Z\", \"conditions\": [ {\"bucket\": \"b\"},"
                + " [\"starts-with\", \"$Key\", \"user/\"], {\"acl\": \"public-read\"},"
                + " [\"content-length-range\", \"0\", 1048576] ] }";
        PostPolicy p = PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes()));
        assertThat(p.conditions()).containsExactly(new PostCondition.Eq("bucket", "b"),
                new PostCondition.StartsWith("key", "user/"), new PostCondition.Eq("acl", "public-read"),
                new PostCondition.ContentLengthRange(0, 1048576));
        assertThatThrownBy(() -> PostPolicy.parse("!!!")).hasMessage("Invalid Policy: Invalid Base64.");
        String badOp = "{\"expiration\": \"2030-12-30T12:00:00.000Z\", \"conditions\": [[\"matches\", \"$key\", \"x\"]]}";
        assertThatThrownBy(() -> PostPolicy.parse(Base64.getEncoder().encodeToString(badOp.getBytes())))
                .hasMessage("Invalid Policy: Invalid condition operator: matches");
        for (String cond : new String[] {"{}", "{\"bucket\": \"b\", \"acl\": \"private\"}"}) {
            String simple = "{\"expiration\": \"2030-12-30T12:00:00.000Z\", \"conditions\": [" + cond + "]}";
            assertThatThrownBy(() -> PostPolicy.parse(Base64.getEncoder().encodeToString(simple.getBytes())))
                    .isInstanceOfSatisfying(PostPolicyException.class,
                            e -> assertThat(e.reason()).isEqualTo(PostPolicyException.Reason.MALFORMED))
                    .hasMessage("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one"
                            + " property specified.");
        }
    }

    @Test
    void anEmptyStartsWithAllowsTheFieldToBeLeftOutAndAnyOtherPrefixDoesNot() {
        String json = "{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{\"bucket\": \"photos\"},"
                + " [\"starts-with\", \"$key\", \"\"], [\"starts-with\", \"$x-amz-server-side-encryption\", \"\"]]}";
        PostPolicy any = PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes()));
        Map<String, String> fields = new HashMap<>(Map.of("key", "a.txt"));
        PostPolicyCheck.check(any, "photos", fields, NOW);
        fields.put("x-amz-server-side-encryption", "AES256");
        PostPolicyCheck.check(any, "photos", fields, NOW);

        String strict = json.replace("\"$x-amz-server-side-encryption\", \"\"", "\"$x-amz-server-side-encryption\", \"AES\"");
        PostPolicy prefix = PostPolicy.parse(Base64.getEncoder().encodeToString(strict.getBytes()));
        assertThatThrownBy(() -> PostPolicyCheck.check(prefix, "photos", Map.of("key", "a.txt"), NOW))
                .hasMessageContaining("Policy Condition failed: [\"starts-with\", \"$x-amz-server-side-encryption\"");
    }
}
