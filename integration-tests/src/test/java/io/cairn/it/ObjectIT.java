package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "objects";

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
    }

    static Stream<Arguments> sizes() {
        return Stream.of(0, 1, 1024 * 1024 + 1, 20 * 1024 * 1024).flatMap(size ->
                Stream.of(Arguments.of(size, true), Arguments.of(size, false)));
    }

    @ParameterizedTest(name = "{0} bytes, default checksums: {1}")
    @MethodSource("sizes")
    void putGetRoundTrip(int size, boolean defaultChecksums) throws Exception {
        S3Client s3 = defaultChecksums ? cluster.s3() : cluster.s3WhenRequired();
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        String key = "rt/" + size + "-" + defaultChecksums;
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo("\"" + hex("MD5", data) + "\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertThat(hex("SHA-256", got.asByteArray())).isEqualTo(hex("SHA-256", data));
        assertThat(got.response().contentLength()).isEqualTo(size);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
    }

    @Test
    void rangeReads() {
        S3Client s3 = cluster.s3();
        byte[] data = new byte[3 * LocalCluster.STRIPE_SIZE + 100];
        new Random(7).nextBytes(data);
        s3.putObject(b -> b.bucket(BUCKET).key("ranged"), RequestBody.fromBytes(data));
        int from = LocalCluster.STRIPE_SIZE - 10;
        int to = 2 * LocalCluster.STRIPE_SIZE + 10;
        ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged")
                .range("bytes=" + from + "-" + to));
        assertThat(mid.asByteArray()).isEqualTo(Arrays.copyOfRange(data, from, to + 1));
        assertThat(mid.response().contentRange()).isEqualTo("bytes " + from + "-" + to + "/" + data.length);
        ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged")
                .range("bytes=-5"));
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(data, data.length - 5, data.length));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ranged")
                .range("bytes=" + data.length + "-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void metadataAndHeadersRoundTrip() {
        S3Client s3 = cluster.s3();
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        s3.putObject(b -> b.bucket(BUCKET).key("meta").contentType("text/csv").cacheControl("max-age=60")
                .contentDisposition("attachment; filename=\"a.csv\"").contentEncoding("identity")
                .contentLanguage("de").expires(expires).metadata(Map.of("color", "blue", "count", "3")),
                RequestBody.fromString("a,b"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta"));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"a.csv\"");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.contentLanguage()).isEqualTo("de");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.metadata()).isEqualTo(Map.of("color", "blue", "count", "3"));
        assertThat(head.contentLength()).isEqualTo(3);
        GetObjectResponse overridden = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("meta")
                .responseContentType("application/json")).response();
        assertThat(overridden.contentType()).isEqualTo("application/json");

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("big-meta")
                .metadata(Map.of("m", "x".repeat(2100))), RequestBody.fromString("a")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MetadataTooLarge"));
    }

    @Test
    void conditionalReadsAndWrites() {
        S3Client s3 = cluster.s3();
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("cond"), RequestBody.fromString("v1")).eTag();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch(etag)).asUtf8String())
                .isEqualTo("v1");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch("\"nope\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond")
                .ifModifiedSince(Instant.now().plusSeconds(3600))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond")
                .ifUnmodifiedSince(Instant.now().minusSeconds(3600))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        // If-Match that holds wins over a failing If-Unmodified-Since.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch(etag)
                .ifUnmodifiedSince(Instant.now().minusSeconds(3600))).asUtf8String()).isEqualTo("v1");

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch("*"),
                RequestBody.fromString("v2")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond")).asUtf8String()).isEqualTo("v1");
        s3.putObject(b -> b.bucket(BUCKET).key("cond-new").ifNoneMatch("*"), RequestBody.fromString("new"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond-new")).asUtf8String()).isEqualTo("new");
    }

    @Test
    void missingObjects() {
        S3Client s3 = cluster.s3();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("absent")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.requestId()).isNotEmpty();
                });
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("absent")))
                .isInstanceOfSatisfying(NoSuchKeyException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey"));
        s3.deleteObject(b -> b.bucket(BUCKET).key("absent"));
    }

    @Test
    void flexibleChecksumIsStoredAndReturned() {
        S3Client s3 = cluster.s3();
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("crc"),
                RequestBody.fromString("hello checksum"));
        assertThat(put.checksumCRC32()).isNotNull();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("crc").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(put.checksumCRC32());
        HeadObjectResponse plain = s3.headObject(b -> b.bucket(BUCKET).key("crc"));
        assertThat(plain.checksumCRC32()).isNull();
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("crc")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.response().checksumCRC32()).isEqualTo(put.checksumCRC32());
        assertThat(got.asUtf8String()).isEqualTo("hello checksum");

        PutObjectResponse sha = s3.putObject(b -> b.bucket(BUCKET).key("sha").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("hello sha"));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("sha").checksumMode(ChecksumMode.ENABLED)).checksumSHA256())
                .isEqualTo(sha.checksumSHA256()).isNotNull();
    }

    @Test
    void aWrongContentMd5IsBadDigestAndNothingIsStored() {
        S3Client s3 = cluster.s3WhenRequired();
        String wrongMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("digest").contentMD5(wrongMd5),
                RequestBody.fromString("payload")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("digest")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
