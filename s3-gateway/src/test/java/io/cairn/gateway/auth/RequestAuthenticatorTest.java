package io.cairn.gateway.auth;

import static io.cairn.gateway.auth.SdkSigned.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.AuthException.Reason;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Requests signed by the AWS SDK's signer, accepted as sent and refused once anything signed changes. */
class RequestAuthenticatorTest {
    static final String ACCESS = "AKIDCAIRNTEST";
    static final String SECRET = "cairn/secret+key/for-tests";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final CredentialStore STORE = key -> ACCESS.equals(key)
            ? Optional.of(new Credentials(ACCESS, SECRET, "tester")) : Optional.empty();
    static final String BASE = "http://127.0.0.1:9000";

    final RequestAuthenticator auth = new RequestAuthenticator(STORE, CLOCK, "eu-cairn-1");

    static SdkSigned.Options sdk() {
        return SdkSigned.options(ACCESS, SECRET, CLOCK);
    }

    @Test
    void acceptsSdkSignedRequestsOfManyShapes() throws Exception {
        List<String> urls = List.of(BASE + "/bucket/key", BASE + "/bucket", BASE + "/",
                BASE + "/bucket?list-type=2&prefix=a%2Fb&delimiter=%2F&start-after=%C3%A9",
                BASE + "/bucket/a%20key%2Bwith%24odd%21chars~%28x%29/%E2%82%AC/..//x",
                BASE + "/bucket?uploads", BASE + "/bucket/k?partNumber=3&uploadId=abc%3D%3D");
        for (String url : urls) {
            SdkSigned signed = SdkSigned.sign("GET", url,
                    Map.of("X-Amz-Meta-Note", List.of("two   spaces\t and  tab"), "Range", List.of("bytes=0-9")),
                    new byte[0], sdk());
            AuthResult result = auth.authenticate(signed.head());
            assertThat(result.anonymous()).as(url).isFalse();
            assertThat(result.accessKey()).isEqualTo(ACCESS);
            assertThat(result.credentials().displayName()).isEqualTo("tester");
        }
    }

    @Test
    void verifiesTheSignedPayloadHash() throws Exception {
        SdkSigned signed = SdkSigned.sign("PUT", BASE + "/bucket/key", Map.of(), utf8("hello world"), sdk());
        AuthResult result = auth.authenticate(signed.head());
        byte[] read = result.wrapBody(new ByteArrayInputStream(utf8("hello world")), signed.head().headers())
                .readAllBytes();
        assertThat(read).isEqualTo(utf8("hello world"));

        AuthResult again = auth.authenticate(signed.head());
        var forged = again.wrapBody(new ByteArrayInputStream(utf8("hello World")), signed.head().headers());
        assertThatThrownBy(forged::readAllBytes).isInstanceOfSatisfying(BodyVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(BodyVerificationException.Reason.CONTENT_SHA256_MISMATCH));
    }

    @Test
    void refusesWhenPathQueryHeaderMethodOrDateChange() {
        String url = BASE + "/bucket/key?versionId=abc";
        Map<String, List<String>> headers = Map.of("X-Amz-Meta-A", List.of("one"));
        List<Consumer<HttpRequest>> tampering = List.of(
                r -> r.setUri("/bucket/kez?versionId=abc"),
                r -> r.setUri("/bucket/key?versionId=abd"),
                r -> r.setUri("/bucket/key?versionId=abc&extra=1"),
                r -> r.setUri("/bucket/key/?versionId=abc"),
                r -> r.headers().set("X-Amz-Meta-A", "onf"),
                r -> r.headers().set("Host", "127.0.0.1:9001"),
                r -> r.setMethod(HttpMethod.DELETE),
                r -> r.headers().set("x-amz-date", "20260301T120001Z"),
                r -> r.headers().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        for (var tamper : tampering) {
            SdkSigned signed = SdkSigned.sign("GET", url, headers, new byte[0], sdk());
            tamper.accept(signed.head());
            assertThatThrownBy(() -> auth.authenticate(signed.head())).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_DOES_NOT_MATCH));
        }
    }

    @Test
    void refusesWrongSecretUnknownKeyAndForeignRegion() {
        SdkSigned wrongSecret = SdkSigned.sign("GET", BASE + "/b/k", Map.of(), new byte[0],
                sdk().withKeys(ACCESS, "not-the-secret"));
        assertReason(wrongSecret.head(), Reason.SIGNATURE_DOES_NOT_MATCH);
        SdkSigned unknown = SdkSigned.sign("GET", BASE + "/b/k", Map.of(), new byte[0],
                sdk().withKeys("AKIDNOBODY", SECRET));
        assertReason(unknown.head(), Reason.INVALID_ACCESS_KEY_ID);
        SdkSigned foreign = SdkSigned.sign("GET", BASE + "/b/k", Map.of(), new byte[0], sdk().withRegion("ap-south-1"));
        assertReason(foreign.head(), Reason.AUTHORIZATION_HEADER_MALFORMED);
        SdkSigned configured = SdkSigned.sign("GET", BASE + "/b/k", Map.of(), new byte[0], sdk().withRegion("eu-cairn-1"));
        assertThat(authenticate(configured.head()).anonymous()).isFalse();
    }

    @Test
    void refusesSkewBeyondFifteenMinutes() throws Exception {
        SdkSigned signed = SdkSigned.sign("GET", BASE + "/b/k", Map.of(), new byte[0], sdk());
        for (Duration shift : List.of(Duration.ofMinutes(15), Duration.ofMinutes(-15))) {
            var near = new RequestAuthenticator(STORE, Clock.offset(CLOCK, shift), "us-east-1");
            assertThat(near.authenticate(signed.head()).anonymous()).isFalse();
        }
        for (Duration shift : List.of(Duration.ofSeconds(901), Duration.ofSeconds(-901))) {
            var far = new RequestAuthenticator(STORE, Clock.offset(CLOCK, shift), "us-east-1");
            assertThatThrownBy(() -> far.authenticate(signed.head())).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.REQUEST_TIME_TOO_SKEWED));
        }
    }

    @Test
    void acceptsSdkPresignedUrlsUntilTheyExpire() throws Exception {
        SdkSigned signed = SdkSigned.sign("GET", BASE + "/bucket/some%20key?partNumber=1", Map.of(), new byte[0],
                sdk().withPresigned(Duration.ofHours(1)));
        assertThat(signed.head().uri()).contains("X-Amz-Signature=");
        assertThat(auth.authenticate(signed.head()).accessKey()).isEqualTo(ACCESS);

        var later = new RequestAuthenticator(STORE, Clock.offset(CLOCK, Duration.ofSeconds(3601)), "us-east-1");
        assertThatThrownBy(() -> later.authenticate(signed.head())).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED_PRESIGNED));
        var earlier = new RequestAuthenticator(STORE, Clock.offset(CLOCK, Duration.ofMinutes(-16)), "us-east-1");
        assertThatThrownBy(() -> earlier.authenticate(signed.head())).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.PRESIGNED_NOT_YET_VALID));

        HttpRequest tampered = signed.head();
        tampered.setUri(tampered.uri().replace("partNumber=1", "partNumber=2"));
        assertReason(tampered, Reason.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void acceptsOurOwnPresignedUrls() throws Exception {
        URI url = Presigner.presign("PUT", URI.create(BASE), "bucket", "dir/ä b+c.txt", Duration.ofMinutes(10),
                new SigningCredentials(ACCESS, SECRET), "eu-cairn-1", NOW.minusSeconds(60));
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT,
                url.getRawPath() + "?" + url.getRawQuery());
        head.headers().set("Host", "127.0.0.1:9000");
        assertThat(auth.authenticate(head).accessKey()).isEqualTo(ACCESS);
        head.setMethod(HttpMethod.GET);
        assertReason(head, Reason.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void refusesXAmzHeadersTheSignatureDoesNotCover() throws Exception {
        SdkSigned signed = SdkSigned.sign("PUT", BASE + "/bucket/key", Map.of(), utf8("data"), sdk());
        signed.head().headers().set("X-Amz-Acl", "public-read-write");
        signed.head().headers().set("x-amz-copy-source", "/other/secret");
        assertThatThrownBy(() -> auth.authenticate(signed.head())).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.HEADERS_NOT_SIGNED);
            assertThat(e.getMessage()).isEqualTo("There were headers present in the request which were not signed: "
                    + "x-amz-acl, x-amz-copy-source");
        });

        SdkSigned presigned = SdkSigned.sign("PUT", BASE + "/bucket/key", Map.of(), new byte[0],
                sdk().withPresigned(Duration.ofHours(1)));
        presigned.head().headers().set("x-amz-storage-class", "GLACIER");
        assertReason(presigned.head(), Reason.HEADERS_NOT_SIGNED);

        // Signed ones pass, and so do headers that are not x-amz-* (x-amzn-trace-id is left unsigned by the SDKs)
        // and the payload hash, which is part of the signed string either way.
        SdkSigned covered = SdkSigned.sign("PUT", BASE + "/bucket/key", Map.of("x-amz-acl", List.of("private")),
                utf8("data"), sdk());
        covered.head().headers().set("X-Amzn-Trace-Id", "Root=1-abc");
        assertThat(auth.authenticate(covered.head()).anonymous()).isFalse();
        SdkSigned presignedPut = SdkSigned.sign("PUT", BASE + "/bucket/key", Map.of(), new byte[0],
                sdk().withPresigned(Duration.ofHours(1)));
        presignedPut.head().headers().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertThat(auth.authenticate(presignedPut.head()).anonymous()).isFalse();
    }

    @Test
    void presignedLifetimeLimits() {
        String sig = "0".repeat(64);
        String base = "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + ACCESS
                + "%2F20260301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260301T120000Z"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + sig + "&X-Amz-Expires=";
        assertReason(head("GET", base + "604801"), Reason.INVALID_EXPIRES);
        assertReason(head("GET", base + "0"), Reason.INVALID_EXPIRES);
        assertReason(head("GET", base + "604800"), Reason.SIGNATURE_DOES_NOT_MATCH);
        assertReason(head("GET", base.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256&", "") + "60"),
                Reason.AUTHORIZATION_QUERY_MALFORMED);
        assertReason(head("GET", base.replace("HMAC-SHA256", "ECDSA-P256-SHA256") + "60"),
                Reason.UNSUPPORTED_ALGORITHM);
        assertReason(head("GET", base.replace("SignedHeaders=host", "SignedHeaders=x-amz-date") + "60"),
                Reason.AUTHORIZATION_QUERY_MALFORMED);
    }

    @Test
    void classifiesMalformedAuthorizationHeaders() {
        String good = "AWS4-HMAC-SHA256 Credential=" + ACCESS + "/20260301/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + "a".repeat(64);
        assertReason(withAuth(good, "20260301T120000Z", "UNSIGNED-PAYLOAD"), Reason.SIGNATURE_DOES_NOT_MATCH);
        assertReason(withAuth("AWS " + ACCESS + ":c2lnbmF0dXJl", "20260301T120000Z", null), Reason.SIGV2_NOT_SUPPORTED);
        assertReason(withAuth(good.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"), "20260301T120000Z", null),
                Reason.UNSUPPORTED_ALGORITHM);
        assertReason(withAuth(good.replace("SignedHeaders=host;", "SignedHeaders="), "20260301T120000Z",
                "UNSIGNED-PAYLOAD"), Reason.AUTHORIZATION_HEADER_MALFORMED);
        assertReason(withAuth(good.replace("/s3/", "/ec2/"), "20260301T120000Z", "UNSIGNED-PAYLOAD"),
                Reason.AUTHORIZATION_HEADER_MALFORMED);
        assertReason(withAuth(good.replace("20260301/", "20260302/"), "20260301T120000Z", "UNSIGNED-PAYLOAD"),
                Reason.AUTHORIZATION_HEADER_MALFORMED);
        assertReason(withAuth(good.replace(", Signature=", ", Signature=x"), "20260301T120000Z", "UNSIGNED-PAYLOAD"),
                Reason.AUTHORIZATION_HEADER_MALFORMED);
        assertReason(withAuth(good, null, "UNSIGNED-PAYLOAD"), Reason.MISSING_DATE);
        assertReason(withAuth(good, "2026-03-01T12:00:00Z", "UNSIGNED-PAYLOAD"), Reason.MISSING_DATE);
        assertReason(withAuth(good, "20260301T120000Z", null), Reason.MISSING_CONTENT_SHA256);
        assertReason(withAuth(good, "20260301T120000Z", "abc"), Reason.INVALID_CONTENT_SHA256);
        HttpRequest both = withAuth(good, "20260301T120000Z", "UNSIGNED-PAYLOAD");
        both.setUri("/b/k?X-Amz-Signature=" + "a".repeat(64));
        assertReason(both, Reason.AMBIGUOUS_AUTHENTICATION);
    }

    @Test
    void unsignedRequestsAreAnonymous() throws Exception {
        AuthResult result = auth.authenticate(head("GET", "/bucket/key?acl"));
        assertThat(result.anonymous()).isTrue();
        assertThat(result.accessKey()).isNull();
        assertReason(head("GET", "/b/k?AWSAccessKeyId=x&Signature=y&Expires=1"), Reason.SIGV2_NOT_SUPPORTED);
        HttpRequest chunked = head("PUT", "/b/k");
        chunked.headers().set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertReason(chunked, Reason.SIGNED_PAYLOAD_WITHOUT_SIGNATURE);
    }

    static HttpRequest head(String method, String uri) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        head.headers().set("Host", "127.0.0.1:9000");
        return head;
    }

    static HttpRequest withAuth(String authorization, String amzDate, String contentSha256) {
        HttpRequest head = head("GET", "/b/k");
        head.headers().set("Authorization", authorization);
        if (amzDate != null) {
            head.headers().set("x-amz-date", amzDate);
        }
        if (contentSha256 != null) {
            head.headers().set("x-amz-content-sha256", contentSha256);
        }
        return head;
    }

    AuthResult authenticate(HttpRequest head) {
        try {
            return auth.authenticate(head);
        } catch (AuthException e) {
            throw new AssertionError(e.reason() + ": " + e.getMessage(), e);
        }
    }

    void assertReason(HttpRequest head, Reason reason) {
        assertThatThrownBy(() -> auth.authenticate(head)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
