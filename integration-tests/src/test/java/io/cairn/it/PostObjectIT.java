package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.presign.PostCondition;
import io.cairn.presign.PostForm;
import io.cairn.presign.PostPolicySigner;
import io.cairn.presign.SigningCredentials;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Base64;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class PostObjectIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "forms";
    static final SigningCredentials CREDS = new SigningCredentials(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY);

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
    }

    static PostForm form(Map<String, String> fields, List<PostCondition> conditions, Duration expires, Instant now) {
        return PostPolicySigner.sign(cluster.endpoint(), BUCKET, fields, conditions, expires, CREDS, "us-east-1", now);
    }

    static PostForm form(String key, String contentType, String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("success_action_status", status);
        fields.put("x-amz-meta-owner", "alice");
        return form(fields, List.of(new PostCondition.ContentLengthRange(1, 1000)), Duration.ofMinutes(5),
                Instant.now());
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void formUploadStoresTheFileWithTypeAndMetadataAndAnswers201() throws Exception {
        byte[] data = bytes(700);
        PostForm f = form("uploads/${filename}", "image/png", "201");
        HttpResponse<String> r = FormPost.send(f.url(), f.fields(), "photo.png", "application/octet-stream", data);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("<Bucket>forms</Bucket>").contains("<Key>uploads/photo.png</Key>")
                .contains("<Location>http://127.0.0.1:" + cluster.port() + "/forms/uploads/photo.png</Location>");
        ResponseBytes<GetObjectResponse> got = cluster.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/photo.png"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentType()).isEqualTo("image/png");
        assertThat(got.response().metadata()).containsEntry("owner", "alice");
        assertThat(r.headers().firstValue("ETag")).contains(got.response().eTag());
    }

    @Test
    void formUploadsAreEncryptedAsAPutWouldBeAndReadBack() throws Exception {
        String bucket = "sealed-forms";
        cluster.s3().createBucket(b -> b.bucket(bucket));
        cluster.s3().putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(
                r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        byte[] data = "cairn-form-plaintext-marker;".repeat(4000).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "default/${filename}");
        PostForm f = PostPolicySigner.sign(cluster.endpoint(), bucket, fields,
                List.of(new PostCondition.ContentLengthRange(1, 1 << 20)), Duration.ofMinutes(5), CREDS, "us-east-1",
                Instant.now());
        HttpResponse<String> r = FormPost.send(f.url(), f.fields(), "a.txt", "text/plain", data);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(r.headers().firstValue("x-amz-server-side-encryption")).contains("AES256");
        ResponseBytes<GetObjectResponse> got = cluster.s3().getObjectAsBytes(b -> b.bucket(bucket).key("default/a.txt"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        // SSE-C fields in the form: the object needs the same key to be read.
        byte[] customerKey = new byte[32];
        new Random(9).nextBytes(customerKey);
        String keyB64 = Base64.getEncoder().encodeToString(customerKey);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(customerKey));
        Map<String, String> sseC = new LinkedHashMap<>();
        sseC.put("key", "customer/${filename}");
        sseC.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
        sseC.put("x-amz-server-side-encryption-customer-key", keyB64);
        sseC.put("x-amz-server-side-encryption-customer-key-MD5", md5);
        PostForm c = PostPolicySigner.sign(cluster.endpoint(), bucket, sseC,
                List.of(new PostCondition.ContentLengthRange(1, 1 << 20)), Duration.ofMinutes(5), CREDS, "us-east-1",
                Instant.now());
        HttpResponse<String> rc = FormPost.send(c.url(), c.fields(), "b.txt", "text/plain", data);
        assertThat(rc.statusCode()).as(rc.body()).isEqualTo(204);
        assertThat(cluster.s3().getObjectAsBytes(b -> b.bucket(bucket).key("customer/b.txt")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(md5)).asByteArray())
                .isEqualTo(data);
        assertThatThrownBy(() -> cluster.s3().getObjectAsBytes(b -> b.bucket(bucket).key("customer/b.txt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        // Neither file's plaintext is on any drive.
        byte[] marker = "cairn-form-plaintext-marker;cairn-form-plaintext-marker;".getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= 4; i++) {
            try (Stream<Path> files = Files.walk(cluster.drive(i))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    assertThat(indexOf(Files.readAllBytes(p), marker)).as("plaintext in %s", p).isNegative();
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void defaultStatusIs204AndRedirectIs303WithBucketKeyAndEtag() throws Exception {
        PostForm plain = form(Map.of("key", "plain.bin"), List.of(), Duration.ofMinutes(5), Instant.now());
        HttpResponse<String> r = FormPost.send(plain.url(), plain.fields(), "x", "text/plain", bytes(10));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(cluster.s3().headObject(b -> b.bucket(BUCKET).key("plain.bin")).contentType())
                .isEqualTo("binary/octet-stream");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "redirected.bin");
        fields.put("success_action_redirect", "http://127.0.0.1:1/done");
        PostForm redirect = form(fields, List.of(), Duration.ofMinutes(5), Instant.now());
        HttpResponse<String> rr = FormPost.send(redirect.url(), redirect.fields(), "x", "text/plain", bytes(10));
        assertThat(rr.statusCode()).isEqualTo(303);
        String etag = cluster.s3().headObject(b -> b.bucket(BUCKET).key("redirected.bin")).eTag();
        assertThat(rr.headers().firstValue("Location")).contains("http://127.0.0.1:1/done?bucket=forms&key=redirected.bin"
                + "&etag=" + URLEncoder.encode(etag, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void fileOverTheRangeIsEntityTooLargeAndNothingIsStored() throws Exception {
        PostForm f = form("big.bin", "image/png", "201");
        HttpResponse<String> r = FormPost.send(f.url(), f.fields(), "big.bin", "image/png", bytes(1001));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>EntityTooLarge</Code>")
                .contains("<Message>Your proposed upload exceeds the maximum allowed size</Message>");
        assertAbsent("big.bin");
        HttpResponse<String> small = FormPost.send(f.url(), f.fields(), "big.bin", "image/png", new byte[0]);
        assertThat(small.body()).contains("<Code>EntityTooSmall</Code>");
        assertAbsent("big.bin");
    }

    @Test
    void wrongContentTypeIsAccessDeniedByPolicy() throws Exception {
        PostForm f = form("typed.bin", "image/png", "201");
        Map<String, String> fields = new LinkedHashMap<>(f.fields());
        fields.put("Content-Type", "text/html");
        HttpResponse<String> r = FormPost.send(f.url(), fields, "x.html", "text/html", bytes(5));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>").contains(
                "<Message>Invalid according to Policy: Policy Condition failed: [\"eq\", \"$content-type\", \"image/png\"]</Message>");
        assertAbsent("typed.bin");
    }

    @Test
    void tamperedPolicyExpiredPolicyAndExtraFieldsAreRefused() throws Exception {
        PostForm f = form("t.bin", "image/png", "201");
        Map<String, String> tampered = new LinkedHashMap<>(f.fields());
        String json = f.policy().toJson().replace("1000", "100000000");
        tampered.put("policy", Base64.getEncoder().encodeToString(json.getBytes()));
        HttpResponse<String> r = FormPost.send(f.url(), tampered, "t.bin", "image/png", bytes(5));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "t.bin");
        PostForm old = form(fields, List.of(), Duration.ofSeconds(5), Instant.now().minusSeconds(60));
        HttpResponse<String> expired = FormPost.send(old.url(), old.fields(), "t.bin", "image/png", bytes(5));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>AccessDenied</Code>")
                .contains("<Message>Invalid according to Policy: Policy expired.</Message>");

        Map<String, String> extra = new LinkedHashMap<>(f.fields());
        extra.put("x-amz-meta-sneaky", "1");
        HttpResponse<String> e = FormPost.send(f.url(), extra, "t.bin", "image/png", bytes(5));
        assertThat(e.body()).contains("<Message>Invalid according to Policy: Extra input fields: x-amz-meta-sneaky</Message>");

        Map<String, String> noPolicy = Map.of("key", "t.bin");
        HttpResponse<String> anonymous = FormPost.send(f.url(), noPolicy, "t.bin", "image/png", bytes(5));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
        assertAbsent("t.bin");
    }

    @Test
    void largeFileIsStreamedIntact() throws Exception {
        byte[] data = bytes(3 * 1024 * 1024 + 17);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "large/${filename}");
        PostForm f = form(fields, List.of(new PostCondition.StartsWith("$key", "large/")), Duration.ofMinutes(5),
                Instant.now());
        HttpResponse<String> r = FormPost.send(f.url(), f.fields(), "blob.bin", "application/octet-stream", data);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(cluster.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("large/blob.bin")).asByteArray())
                .isEqualTo(data);
    }

    /** A form signed the legacy way: AWSAccessKeyId and base64 HMAC-SHA1 of the policy, no x-amz-* fields. */
    @Test
    void legacySignedFormWithChecksumFieldIsStoredAndABadChecksumIsRefused() throws Exception {
        String json = "{\"expiration\": \"" + Instant.now().plusSeconds(300) + "\", \"conditions\": ["
                + "{\"bucket\": \"forms\"}, [\"starts-with\", \"$key\", \"legacy/\"], [\"content-length-range\", 0, 100]]}";
        String policy = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(LocalCluster.SECRET_KEY.getBytes(StandardCharsets.UTF_8),
                "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(policy.getBytes(StandardCharsets.US_ASCII)));
        byte[] data = bytes(64);
        String sha256 = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(data));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "legacy/${filename}");
        fields.put("AWSAccessKeyId", LocalCluster.ACCESS_KEY);
        fields.put("policy", policy);
        fields.put("signature", signature);
        fields.put("x-amz-checksum-sha256", sha256);
        String url = cluster.endpoint() + "/" + BUCKET;
        HttpResponse<String> r = FormPost.send(url, fields, "a.bin", "application/octet-stream", data);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(cluster.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("legacy/a.bin")).asByteArray())
                .isEqualTo(data);
        assertThat(cluster.s3().headObject(b -> b.bucket(BUCKET).key("legacy/a.bin")
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256())
                .isEqualTo(sha256);

        HttpResponse<String> bad = FormPost.send(url, fields, "b.bin", "application/octet-stream", bytes(65));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        assertAbsent("legacy/b.bin");

        fields.put("signature", signature.substring(1));
        HttpResponse<String> forged = FormPost.send(url, fields, "c.bin", "application/octet-stream", data);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertAbsent("legacy/c.bin");
    }

    static void assertAbsent(String key) {
        assertThatThrownBy(() -> cluster.s3().headObject(b -> b.bucket(BUCKET).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
