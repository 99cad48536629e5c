package io.cairn.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.CredentialStore;
import io.cairn.gateway.auth.Credentials;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.gateway.s3.MemoryObjectService;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Form uploads signed the legacy way (AWSAccessKeyId + HMAC-SHA1 signature) and with a checksum field. */
class PostObjectHandlerTest {

    static final String BOUNDARY = "formBoundary42";
    static final Credentials USER = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "u");
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final String POLICY = Base64.getEncoder().encodeToString(("{\"expiration\": \"2026-11-28T11:00:00Z\","
            + " \"conditions\": [{\"bucket\": \"bkt\"}, [\"starts-with\", \"$key\", \"foo\"], {\"acl\": \"private\"},"
            + " [\"starts-with\", \"$Content-Type\", \"text/plain\"], [\"content-length-range\", 0, 1024]]}")
            .getBytes(StandardCharsets.UTF_8));

    private MemoryObjectService objects;
    private PostObjectHandler handler;

    @BeforeEach
    void setUp() {
        objects = new MemoryObjectService();
        objects.createBucket("bkt");
        CredentialStore store = key -> key.equals(USER.accessKey()) ? Optional.of(USER) : Optional.empty();
        handler = new PostObjectHandler(objects, store, "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Map<String, String> v2Fields(String accessKey, String signature) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "foo.txt");
        f.put("AWSAccessKeyId", accessKey);
        f.put("acl", "private");
        f.put("signature", signature);
        f.put("policy", POLICY);
        f.put("Content-Type", "text/plain");
        return f;
    }

    S3Response post(Map<String, String> fields, String file) throws Exception {
        return post(fields, "f", file);
    }

    S3Response post(Map<String, String> fields, String filename, String file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\n\r\n"
                + file + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpHeaders headers = new DefaultHttpHeaders().set("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        return handler.handle("bkt", headers, new ByteArrayInputStream(out.toByteArray()),
                URI.create("https://s3.example.test"));
    }

    String stored(String key) throws Exception {
        try (var content = objects.getObject("bkt", key, null, null)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (var buf = content.next(); buf != null; buf = content.next()) {
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                out.writeBytes(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void legacySignatureIsBase64HmacSha1OfThePolicy() {
        // base64(HMAC-SHA1(key "key", "The quick brown fox jumps over the lazy dog")), the well-known vector.
        assertThat(PolicySignatureV2.sign("The quick brown fox jumps over the lazy dog", "key"))
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of()
                        .parseHex("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9")));
    }

    @Test
    void legacySignedFormIsStoredWithItsContentType() throws Exception {
        S3Response r = post(v2Fields(USER.accessKey(), PolicySignatureV2.sign(POLICY, USER.secretKey())), "bar");
        assertThat(r.status().code()).isEqualTo(204);
        assertThat(r.headers().get("Location")).isEqualTo("https://s3.example.test/bkt/foo.txt");
        assertThat(stored("foo.txt")).isEqualTo("bar");
        assertThat(objects.headObject("bkt", "foo.txt", null).metadata()).containsEntry("content-type", "text/plain");
    }

    @Test
    void legacyFormWithWrongSignatureOrUnknownKeyIsRefused() {
        assertThatThrownBy(() -> post(v2Fields(USER.accessKey(), PolicySignatureV2.sign(POLICY, "other-secret")), "bar"))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH));
        assertThatThrownBy(() -> post(v2Fields("NOSUCHKEY", PolicySignatureV2.sign(POLICY, USER.secretKey())), "bar"))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ACCESS_KEY_ID));
        assertThatThrownBy(() -> objects.headObject("bkt", "foo.txt", null)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void legacyFormStillNeedsEveryOtherFieldInThePolicy() {
        Map<String, String> fields = v2Fields(USER.accessKey(), PolicySignatureV2.sign(POLICY, USER.secretKey()));
        fields.put("x-amz-meta-extra", "1");
        assertThatThrownBy(() -> post(fields, "bar")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: Extra input fields: x-amz-meta-extra");
        });
    }

    @Test
    void keyConditionsHoldForTheKeyWithItsFilenameOrAsSubmitted() throws Exception {
        Map<String, String> fields = v2Fields(USER.accessKey(), PolicySignatureV2.sign(POLICY, USER.secretKey()));
        fields.put("key", "${filename}");
        assertThat(post(fields, "foo-from-disk.txt", "bar").status().code()).isEqualTo(204);
        assertThat(stored("foo-from-disk.txt")).isEqualTo("bar");
        assertThatThrownBy(() -> post(fields, "other.txt", "bar")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).startsWith("Invalid according to Policy: Policy Condition failed: ");
        });

        String pinned = Base64.getEncoder().encodeToString(("{\"expiration\": \"2026-11-28T11:00:00Z\","
                + " \"conditions\": [{\"bucket\": \"bkt\"}, {\"key\": \"up/${filename}\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> asSubmitted = new LinkedHashMap<>();
        asSubmitted.put("key", "up/${filename}");
        asSubmitted.put("AWSAccessKeyId", USER.accessKey());
        asSubmitted.put("signature", PolicySignatureV2.sign(pinned, USER.secretKey()));
        asSubmitted.put("policy", pinned);
        assertThat(post(asSubmitted, "cat.png", "meow").status().code()).isEqualTo(204);
        assertThat(stored("up/cat.png")).isEqualTo("meow");
    }

    @Test
    void checksumFieldIsCheckedAndKeptWithoutAPolicyCondition() throws Exception {
        String sha256OfBar = "/N4rLtula/QIYB+3If6bXDONEO5CnqBPrlURto+/j7k=";
        Map<String, String> fields = v2Fields(USER.accessKey(), PolicySignatureV2.sign(POLICY, USER.secretKey()));
        fields.put("x-amz-checksum-sha256", sha256OfBar);
        assertThat(post(fields, "bar").status().code()).isEqualTo(204);
        assertThat(objects.headObject("bkt", "foo.txt", null).metadata())
                .containsEntry("x-amz-checksum-sha256", sha256OfBar);

        fields.put("key", "foo2.txt");
        assertThatThrownBy(() -> post(fields, "baz")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.BAD_DIGEST));
        fields.put("x-amz-checksum-sha256", "sailorjerry");
        assertThatThrownBy(() -> post(fields, "bar")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-sha256 header is invalid.");
        });
        assertThatThrownBy(() -> objects.headObject("bkt", "foo2.txt", null))
                .isInstanceOf(ObjectNotFoundException.class);
    }
}
