package io.cairn.presign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the Amazon S3 API reference ("Signature Calculations for the Authorization
 * Header", "Transferring Payload in Multiple Chunks", "Signature calculations for trailing headers"):
 * the published signatures are asserted exactly.
 */
class SigV4Test {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String AMZ_DATE = "20130524T000000Z";
    static final CredentialScope SCOPE = new CredentialScope("20130524", "us-east-1", "s3");

    static String sign(String method, String decodedPath, String rawQuery, Map<String, String> headers,
                       String payloadHash) {
        TreeMap<String, String> sorted = new TreeMap<>(headers);
        List<String> names = List.copyOf(sorted.keySet());
        CanonicalRequest request = new CanonicalRequest(method, CanonicalRequest.canonicalUri(decodedPath),
                CanonicalRequest.canonicalQuery(CanonicalRequest.parseQuery(rawQuery, Set.of())),
                CanonicalRequest.canonicalHeaders(names, n -> List.of(sorted.get(n))),
                String.join(";", names), payloadHash);
        return SigV4.signature(SigningKeys.derive(SECRET, SCOPE), SigV4.stringToSign(AMZ_DATE, SCOPE, request));
    }

    @Test
    void getObjectWithRange() {
        Map<String, String> headers = Map.of("host", "examplebucket.s3.amazonaws.com", "range", "bytes=0-9",
                "x-amz-content-sha256", SigV4.EMPTY_SHA256, "x-amz-date", AMZ_DATE);
        assertThat(sign("GET", "/test.txt", "", headers, SigV4.EMPTY_SHA256))
                .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectEncodesTheDollarInThePathOnce() {
        String payloadHash = SigV4.sha256Hex("Welcome to Amazon S3.");
        assertThat(payloadHash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(CanonicalRequest.canonicalUri("/test$file.text")).isEqualTo("/test%24file.text");
        Map<String, String> headers = Map.of("date", "Fri, 24 May 2013 00:00:00 GMT",
                "host", "examplebucket.s3.amazonaws.com", "x-amz-content-sha256", payloadHash,
                "x-amz-date", AMZ_DATE, "x-amz-storage-class", "REDUCED_REDUNDANCY");
        assertThat(sign("PUT", "/test$file.text", "", headers, payloadHash))
                .isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void getBucketLifecycleSignsAValuelessParameter() {
        Map<String, String> headers = Map.of("host", "examplebucket.s3.amazonaws.com",
                "x-amz-content-sha256", SigV4.EMPTY_SHA256, "x-amz-date", AMZ_DATE);
        assertThat(sign("GET", "/", "lifecycle", headers, SigV4.EMPTY_SHA256))
                .isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    @Test
    void listObjectsSortsTheQuery() {
        Map<String, String> headers = Map.of("host", "examplebucket.s3.amazonaws.com",
                "x-amz-content-sha256", SigV4.EMPTY_SHA256, "x-amz-date", AMZ_DATE);
        assertThat(sign("GET", "/", "prefix=J&max-keys=2", headers, SigV4.EMPTY_SHA256))
                .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void chunkedUploadSeedAndChunkSignatures() {
        Map<String, String> headers = Map.of("content-encoding", "aws-chunked", "content-length", "66824",
                "host", "s3.amazonaws.com", "x-amz-content-sha256", SigV4.STREAMING_SIGNED,
                "x-amz-date", AMZ_DATE, "x-amz-decoded-content-length", "66560",
                "x-amz-storage-class", "REDUCED_REDUNDANCY");
        String seed = sign("PUT", "/examplebucket/chunkObject.txt", "", headers, SigV4.STREAMING_SIGNED);
        assertThat(seed).isEqualTo("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");

        byte[] key = SigningKeys.derive(SECRET, SCOPE);
        String first = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, seed, SigV4.sha256(as(65536)));
        assertThat(first).isEqualTo("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
        String second = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, first, SigV4.sha256(as(1024)));
        assertThat(second).isEqualTo("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
        String last = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, second, SigV4.sha256(new byte[0]));
        assertThat(last).isEqualTo("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    }

    @Test
    void chunkedUploadWithTrailerSignature() {
        Map<String, String> headers = Map.of("content-encoding", "aws-chunked", "host", "s3.amazonaws.com",
                "x-amz-content-sha256", SigV4.STREAMING_SIGNED_TRAILER, "x-amz-date", AMZ_DATE,
                "x-amz-decoded-content-length", "66560", "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-trailer", "x-amz-checksum-crc32c");
        String seed = sign("PUT", "/examplebucket/chunkObject.txt", "", headers, SigV4.STREAMING_SIGNED_TRAILER);
        assertThat(seed).isEqualTo("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e");

        byte[] key = SigningKeys.derive(SECRET, SCOPE);
        String first = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, seed, SigV4.sha256(as(65536)));
        assertThat(first).isEqualTo("b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2");
        String second = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, first, SigV4.sha256(as(1024)));
        assertThat(second).isEqualTo("1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7");
        String last = SigV4.chunkSignature(key, AMZ_DATE, SCOPE, second, SigV4.sha256(new byte[0]));
        assertThat(last).isEqualTo("2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992");
        byte[] trailer = "x-amz-checksum-crc32c:sOO8/Q==\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SigV4.trailerSignature(key, AMZ_DATE, SCOPE, last, SigV4.sha256(trailer)))
                .isEqualTo("d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435");
    }

    @Test
    void signingKeyIsTheHmacChainAndCachedCopiesAreIndependent() {
        byte[] first = SigningKeys.derive(SECRET, SCOPE);
        first[0] ^= 1;
        assertThat(SigningKeys.derive(SECRET, SCOPE)).isEqualTo(SigningKeys.compute(SECRET, SCOPE));
        assertThat(SigningKeys.derive(SECRET, new CredentialScope("20130525", "us-east-1", "s3")))
                .isNotEqualTo(SigningKeys.compute(SECRET, SCOPE));
    }

    @Test
    void constantTimeComparison() {
        String sig = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
        assertThat(SigV4.signaturesMatch(sig, sig)).isTrue();
        assertThat(SigV4.signaturesMatch(sig, sig.substring(0, 63) + "0")).isFalse();
        assertThat(SigV4.signaturesMatch(sig, sig.substring(0, 63))).isFalse();
        assertThat(SigV4.signaturesMatch(sig, null)).isFalse();
    }

    static byte[] as(int n) {
        byte[] data = new byte[n];
        Arrays.fill(data, (byte) 'a');
        return data;
    }
}
