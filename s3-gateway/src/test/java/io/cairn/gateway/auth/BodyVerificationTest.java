package io.cairn.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.presign.SigV4;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain (not aws-chunked) bodies: digests, checksums and lengths checked at end of stream. */
class BodyVerificationTest {
    static final byte[] DATA = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    /** MD5 of DATA, 9e107d9d372bb6826bd81d3542a419d6, as Content-MD5 sends it. */
    static final String MD5 = "nhB9nTcrtoJr2B01QqQZ1g==";

    static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    void contentMd5IsCheckedAndReported() throws Exception {
        AuthResult result = AuthResult.anonymousRequest();
        HttpHeaders h = headers("Content-MD5", MD5, "Content-Length", Integer.toString(DATA.length));
        assertThat(result.wrapBody(new ByteArrayInputStream(DATA), h).readAllBytes()).isEqualTo(DATA);
        assertThat(result.md5Hex()).contains("9e107d9d372bb6826bd81d3542a419d6");

        byte[] other = DATA.clone();
        other[0] = 't';
        assertFails(h, other, Reason.BAD_DIGEST);
        assertFails(headers("Content-MD5", "not base64!"), DATA, Reason.INVALID_DIGEST);
        assertFails(headers("Content-MD5", "AAAA"), DATA, Reason.INVALID_DIGEST);
        assertThatThrownBy(() -> AuthResult.anonymousRequest().checkBodyHeaders(headers("Content-MD5", "AAAA")))
                .isInstanceOfSatisfying(BodyVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_DIGEST));
    }

    @Test
    void contentSha256IsCheckedWhenItIsAHash() throws Exception {
        String sha = SigV4.hex(SigV4.sha256(DATA));
        AuthResult result = AuthResult.anonymousRequest();
        assertThat(result.wrapBody(new ByteArrayInputStream(DATA), headers("x-amz-content-sha256", sha.toUpperCase()))
                .readAllBytes()).isEqualTo(DATA);
        assertFails(headers("x-amz-content-sha256", SigV4.EMPTY_SHA256), DATA, Reason.CONTENT_SHA256_MISMATCH);
        AuthResult unsigned = AuthResult.anonymousRequest();
        assertThat(unsigned.wrapBody(new ByteArrayInputStream(DATA), headers("x-amz-content-sha256", "UNSIGNED-PAYLOAD"))
                .readAllBytes()).isEqualTo(DATA);
    }

    @Test
    void everyFlexibleChecksumHeaderIsVerified() throws Exception {
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = algorithm.base64Of(DATA);
            AuthResult result = AuthResult.anonymousRequest();
            HttpHeaders h = headers(algorithm.headerName(), value, "x-amz-sdk-checksum-algorithm", algorithm.name());
            assertThat(result.wrapBody(new ByteArrayInputStream(DATA), h).readAllBytes()).isEqualTo(DATA);
            assertThat(result.checksums()).isEqualTo(Map.of(algorithm.name(), value));

            byte[] wrong = Base64.getDecoder().decode(value);
            wrong[0] ^= 1;
            assertFails(headers(algorithm.headerName(), Base64.getEncoder().encodeToString(wrong)), DATA,
                    Reason.CHECKSUM_MISMATCH);
            assertFails(headers(algorithm.headerName(), "AAAA"), DATA, Reason.INVALID_CHECKSUM_HEADER);
        }
    }

    @Test
    void checksumHeaderProblemsAreInvalidRequests() {
        String crc = ChecksumAlgorithm.CRC32.base64Of(DATA);
        String sha = ChecksumAlgorithm.SHA1.base64Of(DATA);
        assertFails(headers("x-amz-checksum-crc32", crc, "x-amz-checksum-sha1", sha), DATA, Reason.INVALID_CHECKSUM_HEADER);
        assertFails(headers("x-amz-checksum-md5", crc), DATA, Reason.INVALID_CHECKSUM_HEADER);
        assertFails(headers("x-amz-sdk-checksum-algorithm", "CRC32"), DATA, Reason.INVALID_CHECKSUM_HEADER);
        assertFails(headers("x-amz-sdk-checksum-algorithm", "SHA1", "x-amz-checksum-crc32", crc), DATA,
                Reason.INVALID_CHECKSUM_HEADER);
        assertFails(headers("x-amz-trailer", "x-amz-checksum-crc32"), DATA, Reason.INVALID_CHECKSUM_HEADER);
    }

    @Test
    void lengthMustMatchContentLength() throws Exception {
        assertFails(headers("Content-Length", Integer.toString(DATA.length + 1)), DATA, Reason.INCOMPLETE_BODY);
        assertFails(headers("Content-Length", Integer.toString(DATA.length - 1)), DATA, Reason.INCOMPLETE_BODY);
        assertFails(headers("Content-Length", Long.toString(6L << 30)), DATA, Reason.TOO_LARGE);
        AuthResult result = AuthResult.anonymousRequest();
        assertThat(result.wrapBody(new ByteArrayInputStream(new byte[0]), headers("Content-Length", "0")).read())
                .isEqualTo(-1);
    }

    @Test
    void failureComesInsteadOfEndOfStreamAfterAllBytes() throws Exception {
        HttpHeaders h = headers("x-amz-checksum-crc32c", "AAAAAA==");
        InputStream in = AuthResult.anonymousRequest().wrapBody(new ByteArrayInputStream(DATA), h);
        byte[] got = new byte[DATA.length];
        assertThat(in.readNBytes(got, 0, DATA.length)).isEqualTo(DATA.length);
        assertThat(got).isEqualTo(DATA);
        assertThatThrownBy(in::read).isInstanceOfSatisfying(BodyVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CHECKSUM_MISMATCH));
        assertThatThrownBy(in::read).isInstanceOf(BodyVerificationException.class);
    }

    @Test
    void aCompleteMultipartDocumentIgnoresTheObjectChecksum() throws Exception {
        String objectChecksum = ChecksumAlgorithm.CRC32.base64Of("the object".getBytes(StandardCharsets.US_ASCII));
        HttpHeaders h = headers("x-amz-checksum-crc32", objectChecksum, "Content-MD5", MD5);
        AuthResult result = AuthResult.anonymousRequest();
        assertThat(result.wrapRequestDocument(new ByteArrayInputStream(DATA), h).readAllBytes()).isEqualTo(DATA);
        assertThat(result.checksums()).isEmpty();
        assertThat(result.md5Hex()).isPresent();
        assertFails(h, DATA, Reason.CHECKSUM_MISMATCH);
    }

    static void assertFails(HttpHeaders headers, byte[] body, Reason reason) {
        AuthResult result = AuthResult.anonymousRequest();
        InputStream in = result.wrapBody(new ByteArrayInputStream(body), headers);
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(BodyVerificationException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
        assertThat(result.checksums()).isEmpty();
        assertThat(result.md5Hex()).isEmpty();
    }
}
