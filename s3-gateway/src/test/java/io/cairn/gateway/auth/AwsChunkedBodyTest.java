package io.cairn.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;

/** aws-chunked bodies: the S3 documentation's examples, bodies framed by the AWS SDK, and broken framing. */
class AwsChunkedBodyTest {
    static final String DOC_ACCESS = "AKIAIOSFODNN7EXAMPLE";
    static final String DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Clock DOC_CLOCK = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);
    static final CredentialStore DOC_STORE = key -> DOC_ACCESS.equals(key)
            ? Optional.of(new Credentials(DOC_ACCESS, DOC_SECRET, "example")) : Optional.empty();
    static final String[] DOC_SIGNATURES = {"4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};
    static final String[] DOC_TRAILER_SIGNATURES = {"106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
        "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
        "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
        "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"};
    static final String TRAILER_LINES = "x-amz-checksum-crc32c:sOO8/Q==\r\n"
            + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n";

    final RequestAuthenticator docAuth = new RequestAuthenticator(DOC_STORE, DOC_CLOCK, "us-east-1");

    /** The documented PUT of 64 KiB + 1 KiB of 'a' to /examplebucket/chunkObject.txt. */
    static HttpRequest docHead(boolean trailer, String[] signatures) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/examplebucket/chunkObject.txt");
        head.headers().set("Host", "s3.amazonaws.com").set("x-amz-date", "20130524T000000Z")
                .set("x-amz-storage-class", "REDUCED_REDUNDANCY").set("Content-Encoding", "aws-chunked")
                .set("x-amz-decoded-content-length", "66560");
        String signed;
        if (trailer) {
            head.headers().set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                    .set("x-amz-trailer", "x-amz-checksum-crc32c");
            signed = "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
                    + "x-amz-storage-class;x-amz-trailer";
        } else {
            head.headers().set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                    .set("Content-Length", "66824");
            signed = "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class";
        }
        head.headers().set("Authorization", "AWS4-HMAC-SHA256 Credential=" + DOC_ACCESS
                + "/20130524/us-east-1/s3/aws4_request,SignedHeaders=" + signed + ",Signature=" + signatures[0]);
        return head;
    }

    static byte[] docBody(String[] signatures, String trailerLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "10000;chunk-signature=" + signatures[1] + "\r\n");
        out.writeBytes(as(65536));
        write(out, "\r\n400;chunk-signature=" + signatures[2] + "\r\n");
        out.writeBytes(as(1024));
        write(out, "\r\n0;chunk-signature=" + signatures[3] + "\r\n" + trailerLines + "\r\n");
        return out.toByteArray();
    }

    @Test
    void decodesTheDocumentedChunkedUpload() throws Exception {
        byte[] body = docBody(DOC_SIGNATURES, "");
        assertThat(body).hasSize(66824);
        HttpRequest head = docHead(false, DOC_SIGNATURES);
        AuthResult result = docAuth.authenticate(head);
        assertThat(result.accessKey()).isEqualTo(DOC_ACCESS);
        assertThat(readInSmallPieces(result.wrapBody(new ByteArrayInputStream(body), head.headers())))
                .isEqualTo(as(66560));
        assertThat(result.checksums()).isEmpty();
    }

    @Test
    void decodesTheDocumentedUploadWithSignedTrailer() throws Exception {
        HttpRequest head = docHead(true, DOC_TRAILER_SIGNATURES);
        AuthResult result = docAuth.authenticate(head);
        InputStream body = result.wrapBody(new ByteArrayInputStream(docBody(DOC_TRAILER_SIGNATURES, TRAILER_LINES)),
                head.headers());
        assertThat(body.readAllBytes()).isEqualTo(as(66560));
        assertThat(result.checksums()).isEqualTo(Map.of("CRC32C", "sOO8/Q=="));
    }

    @Test
    void aForgedTrailerFailsAtTheEnd() throws Exception {
        HttpRequest head = docHead(true, DOC_TRAILER_SIGNATURES);
        String forged = TRAILER_LINES.replace("sOO8/Q==", "AAAAAA==");
        assertReason(docAuth.authenticate(head), head, docBody(DOC_TRAILER_SIGNATURES, forged),
                Reason.CHUNK_SIGNATURE_MISMATCH, 66560);
        String unsigned = "x-amz-checksum-crc32c:sOO8/Q==\r\n";
        assertReason(docAuth.authenticate(head), head, docBody(DOC_TRAILER_SIGNATURES, unsigned),
                Reason.CHUNK_SIGNATURE_MISMATCH, 66560);
    }

    @Test
    void everyChunkSignatureIsChecked() throws Exception {
        HttpRequest head = docHead(false, DOC_SIGNATURES);
        for (int i = 1; i <= 3; i++) {
            String[] wrong = DOC_SIGNATURES.clone();
            wrong[i] = wrong[i].substring(0, 63) + (wrong[i].endsWith("0") ? "1" : "0");
            assertReason(docAuth.authenticate(head), head, docBody(wrong, ""), Reason.CHUNK_SIGNATURE_MISMATCH, -1);
        }
        byte[] flipped = docBody(DOC_SIGNATURES, "");
        flipped[40_000] = 'b';
        assertReason(docAuth.authenticate(head), head, flipped, Reason.CHUNK_SIGNATURE_MISMATCH, -1);
    }

    @Test
    void truncatedOrBrokenFramingIsRefused() throws Exception {
        HttpRequest head = docHead(false, DOC_SIGNATURES);
        byte[] body = docBody(DOC_SIGNATURES, "");
        for (int cut : new int[] {0, 10, 90, 50_000, 65_625, 65_700, body.length - 90, body.length - 3}) {
            assertReason(docAuth.authenticate(head), head, Arrays.copyOf(body, cut), Reason.INCOMPLETE_BODY, -1);
        }
        // Only the closing CRLF missing: every signature and the length were checked, so it is accepted.
        InputStream lenient = docAuth.authenticate(head).wrapBody(
                new ByteArrayInputStream(Arrays.copyOf(body, body.length - 2)), head.headers());
        assertThat(lenient.readAllBytes()).isEqualTo(as(66560));
        byte[] extra = Arrays.copyOf(body, body.length + 1);
        assertReason(docAuth.authenticate(head), head, extra, Reason.MALFORMED_CHUNK, -1);
        byte[] badSize = body.clone();
        badSize[0] = 'x';
        assertReason(docAuth.authenticate(head), head, badSize, Reason.MALFORMED_CHUNK, -1);
        byte[] noCrlf = body.clone();
        noCrlf[88 + 65536] = (byte) 'Z'; // the CR after the first chunk's data
        assertReason(docAuth.authenticate(head), head, noCrlf, Reason.MALFORMED_CHUNK, -1);
        byte[] endless = ("1" + "0".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        assertReason(docAuth.authenticate(head), head, endless, Reason.MALFORMED_CHUNK, -1);
    }

    @Test
    void sdkSignedChunksWithAndWithoutTrailer() throws Exception {
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        var auth = new RequestAuthenticator(RequestAuthenticatorTest.STORE, RequestAuthenticatorTest.CLOCK, "us-east-1");
        for (var algorithm : Arrays.asList(null, DefaultChecksumAlgorithm.CRC32, DefaultChecksumAlgorithm.SHA256)) {
            SdkSigned signed = SdkSigned.sign("PUT", RequestAuthenticatorTest.BASE + "/bucket/object", Map.of(), data,
                    RequestAuthenticatorTest.sdk().withChunks(true, algorithm));
            String mode = signed.head().headers().get("x-amz-content-sha256");
            assertThat(mode).isEqualTo(algorithm == null ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
                    : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
            AuthResult result = auth.authenticate(signed.head());
            assertThat(result.wrapBody(new ByteArrayInputStream(signed.body()), signed.head().headers()).readAllBytes())
                    .isEqualTo(data);
            assertThat(result.checksums()).hasSize(algorithm == null ? 0 : 1);

            byte[] tampered = signed.body().clone();
            tampered[200_000] ^= 1;
            assertReason(auth.authenticate(signed.head()), signed.head(), tampered, Reason.CHUNK_SIGNATURE_MISMATCH, -1);
        }
    }

    @Test
    void sdkUnsignedChunksWithChecksumTrailer() throws Exception {
        byte[] data = new byte[150_000];
        new Random(1).nextBytes(data);
        var auth = new RequestAuthenticator(RequestAuthenticatorTest.STORE, RequestAuthenticatorTest.CLOCK, "us-east-1");
        SdkSigned signed = SdkSigned.sign("PUT", "https://127.0.0.1:9000/bucket/object", Map.of(), data,
                RequestAuthenticatorTest.sdk().withChunks(false, DefaultChecksumAlgorithm.CRC32C));
        assertThat(signed.head().headers().get("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        AuthResult result = auth.authenticate(signed.head());
        assertThat(result.wrapBody(new ByteArrayInputStream(signed.body()), signed.head().headers()).readAllBytes())
                .isEqualTo(data);
        assertThat(result.checksums()).containsOnlyKeys("CRC32C");

        byte[] tampered = signed.body().clone();
        tampered[100_000] ^= 1;
        assertReason(auth.authenticate(signed.head()), signed.head(), tampered, Reason.CHECKSUM_MISMATCH, data.length);
    }

    @Test
    void handFramedUnsignedTrailerBodies() throws Exception {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/b/k");
        head.headers().set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .set("x-amz-decoded-content-length", "3").set("x-amz-trailer", "x-amz-checksum-crc32");
        AuthResult ok = AuthResult.anonymousRequest();
        byte[] body = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ok.wrapBody(new ByteArrayInputStream(body), head.headers()).readAllBytes()).isEqualTo("abc".getBytes());
        assertThat(ok.checksums()).isEqualTo(Map.of("CRC32", "NSRBwg=="));

        byte[] wrong = "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertReason(AuthResult.anonymousRequest(), head, wrong, Reason.CHECKSUM_MISMATCH, 3);
        byte[] missing = "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertReason(AuthResult.anonymousRequest(), head, missing, Reason.MALFORMED_TRAILER, 3);
        byte[] shorter = "2\r\nab\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertReason(AuthResult.anonymousRequest(), head, shorter, Reason.INCOMPLETE_BODY, 2);
        byte[] longer = "4\r\nabcd\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertReason(AuthResult.anonymousRequest(), head, longer, Reason.INCOMPLETE_BODY, -1);
        head.headers().remove("x-amz-decoded-content-length");
        assertReason(AuthResult.anonymousRequest(), head, body, Reason.MISSING_DECODED_LENGTH, -1);
    }

    /** Reads the wrapped body; asserts the failure reason and, when given, how many bytes came first. */
    static void assertReason(AuthResult result, HttpRequest head, byte[] raw, Reason reason, int bytesBefore) {
        InputStream in = result.wrapBody(new ByteArrayInputStream(raw), head.headers());
        long[] count = {0};
        assertThatThrownBy(() -> {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                count[0] += n;
            }
        }).isInstanceOfSatisfying(BodyVerificationException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
        if (bytesBefore >= 0) {
            assertThat(count[0]).isEqualTo(bytesBefore);
        }
        assertThatThrownBy(in::read).isInstanceOf(BodyVerificationException.class);
        assertThat(result.checksums()).isEmpty();
    }

    static byte[] readInSmallPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static byte[] as(int n) {
        byte[] data = new byte[n];
        Arrays.fill(data, (byte) 'a');
        return data;
    }

    static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

}
