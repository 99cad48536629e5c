package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Server-side encryption through the AWS SDK: SSE-S3, SSE-C, bucket defaults, multipart, copies, disk. */
class EncryptionIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    static final String BUCKET = "secret";
    static final int P = 64 * 1024;
    static final int PART = 5 * 1024 * 1024;
    static final byte[] KEY = bytes(32, 1);
    static final byte[] OTHER_KEY = bytes(32, 2);
    static final String MARK = "plain-";

    static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = cluster.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void sseS3PutGetHeadReportPlaintextSizeEtagAndHeader() {
        byte[] data = marked(3 * P + 1000);
        var put = s3.putObject(b -> b.bucket(BUCKET).key("s3obj").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(data));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(put.eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("s3obj"));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(head.metadata()).isEmpty();
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("s3obj"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("s3obj")).contents().get(0).size())
                .isEqualTo(data.length);
        assertRanges("s3obj", data, false);
        assertNoPlaintextOnDisk("s3obj", data);
    }

    @Test
    void sseCPutGetHeadAndRanges() {
        byte[] data = marked(3 * P + 1000);
        var put = s3.putObject(b -> customer(b.bucket(BUCKET).key("cobj")), RequestBody.fromBytes(data));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(keyMd5(KEY));
        assertThat(put.serverSideEncryption()).isNull();
        assertThat(put.eTag()).isNotEqualTo("\"" + md5Hex(data) + "\"");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("cobj")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY)));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(head.sseCustomerKeyMD5()).isEqualTo(keyMd5(KEY));
        assertRanges("cobj", data, true);
        assertNoPlaintextOnDisk("cobj", data);
    }

    @Test
    void wrongOrMissingCustomerKeysGetAwsErrors() {
        s3.putObject(b -> customer(b.bucket(BUCKET).key("locked")), RequestBody.fromString("locked data"));
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("locked")), 400, "InvalidRequest",
                "The object was stored using a form of Server Side Encryption. The correct parameters must be provided"
                        + " to retrieve the object.");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(OTHER_KEY)).sseCustomerKeyMD5(keyMd5(OTHER_KEY))), 403, "AccessDenied",
                "Access Denied");
        assertError(() -> s3.headObject(b -> b.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(OTHER_KEY)).sseCustomerKeyMD5(keyMd5(OTHER_KEY))), 403, null, null);
        assertError(() -> s3.headObject(b -> b.bucket(BUCKET).key("locked")), 400, null, null);
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("locked").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(OTHER_KEY))), 400, "InvalidArgument",
                "The calculated MD5 hash of the key did not match the hash that was provided.");
        assertError(() -> s3.putObject(b -> b.bucket(BUCKET).key("x").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(bytes(16, 3))).sseCustomerKeyMD5(keyMd5(bytes(16, 3))),
                RequestBody.fromString("x")), 400, "InvalidArgument",
                "The secret key was invalid for the specified algorithm.");
        assertError(() -> s3.putObject(b -> b.bucket(BUCKET).key("x").sseCustomerAlgorithm("AES128")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY)), RequestBody.fromString("x")), 400,
                "InvalidArgument", "The encryption request you specified is not valid. The valid value is AES256.");
        s3.putObject(b -> b.bucket(BUCKET).key("plain"), RequestBody.fromString("plain data"));
        assertError(() -> s3.getObjectAsBytes(b -> customerGet(b.bucket(BUCKET).key("plain"))), 400,
                "InvalidRequest", "The encryption parameters are not applicable to this object.");
        assertThat(s3.getObjectAsBytes(b -> customerGet(b.bucket(BUCKET).key("locked"))).asUtf8String())
                .isEqualTo("locked data");
    }

    @Test
    void multipartWithSseS3AndSseC() {
        byte[] data = marked(2 * PART + 777);
        for (boolean withCustomerKey : new boolean[] {false, true}) {
            String key = withCustomerKey ? "mp-c" : "mp-s3";
            var created = s3.createMultipartUpload(b -> {
                b.bucket(BUCKET).key(key);
                if (withCustomerKey) {
                    b.sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY));
                } else {
                    b.serverSideEncryption(ServerSideEncryption.AES256);
                }
            });
            String id = created.uploadId();
            if (withCustomerKey) {
                assertThat(created.sseCustomerKeyMD5()).isEqualTo(keyMd5(KEY));
                assertError(() -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1),
                        RequestBody.fromString("x")), 400, "InvalidRequest", "The multipart upload initiate"
                        + " requested encryption. Subsequent part requests must include the appropriate encryption"
                        + " parameters.");
            } else {
                assertThat(created.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i + 1;
                byte[] slice = Arrays.copyOfRange(data, i * PART, Math.min(data.length, (i + 1) * PART));
                String etag = s3.uploadPart(b -> {
                    b.bucket(BUCKET).key(key).uploadId(id).partNumber(n);
                    if (withCustomerKey) {
                        b.sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY));
                    }
                }, RequestBody.fromBytes(slice)).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            assertThat(s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id)).parts())
                    .extracting(p -> p.size()).containsExactly((long) PART, (long) PART, 777L);
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                    .multipartUpload(m -> m.parts(parts)));
            GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(BUCKET).key(key);
            if (withCustomerKey) {
                customerGet(get);
            }
            assertThat(s3.getObjectAsBytes(get.build()).asByteArray()).isEqualTo(data);
            long from = PART - 5;
            byte[] across = s3.getObjectAsBytes(get.range("bytes=" + from + "-" + (2L * PART + 9)).build())
                    .asByteArray();
            assertThat(across).isEqualTo(Arrays.copyOfRange(data, (int) from, 2 * PART + 10));
            var part3 = s3.getObjectAsBytes(get.range(null).partNumber(3).build());
            assertThat(part3.asByteArray()).isEqualTo(Arrays.copyOfRange(data, 2 * PART, data.length));
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().get(0).size())
                    .isEqualTo(data.length);
            assertNoPlaintextOnDisk(key, data);
        }
    }

    @Test
    void copyBetweenModesReencrypts() {
        byte[] data = marked(P + 10);
        s3.putObject(b -> customer(b.bucket(BUCKET).key("copy-c")), RequestBody.fromBytes(data));
        assertError(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-c").destinationBucket(BUCKET)
                .destinationKey("copy-s3")), 400, "InvalidRequest", null);
        var toS3 = s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-c").destinationBucket(BUCKET)
                .destinationKey("copy-s3").serverSideEncryption(ServerSideEncryption.AES256)
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(KEY))
                .copySourceSSECustomerKeyMD5(keyMd5(KEY)));
        assertThat(toS3.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(toS3.copyObjectResult().eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-s3").destinationBucket(BUCKET)
                .destinationKey("copy-plain"));
        var plainHead = s3.headObject(b -> b.bucket(BUCKET).key("copy-plain"));
        assertThat(plainHead.serverSideEncryption()).isNull();
        assertThat(plainHead.contentLength()).isEqualTo(data.length);
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-plain").destinationBucket(BUCKET)
                .destinationKey("copy-c2").sseCustomerAlgorithm("AES256").sseCustomerKey(b64(OTHER_KEY))
                .sseCustomerKeyMD5(keyMd5(OTHER_KEY)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy-s3")).asByteArray()).isEqualTo(data);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy-plain")).asByteArray()).isEqualTo(data);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy-c2").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(OTHER_KEY)).sseCustomerKeyMD5(keyMd5(OTHER_KEY))).asByteArray()).isEqualTo(data);
        // Changing only the encryption of an object in place is a legal copy to itself.
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy-plain").destinationBucket(BUCKET)
                .destinationKey("copy-plain").serverSideEncryption(ServerSideEncryption.AES256));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("copy-plain")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
        assertNoPlaintextOnDisk("copy-plain", data);
    }

    @Test
    void bucketDefaultEncryption() {
        String bucket = "defaulted";
        s3.createBucket(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketEncryption(b -> b.bucket(bucket)), 404,
                "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not"
                        + " found");
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertThat(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        byte[] data = marked(2 * P);
        var put = s3.putObject(b -> b.bucket(bucket).key("auto"), RequestBody.fromBytes(data));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("auto")).asByteArray()).isEqualTo(data);
        assertNoPlaintextOnDisk(bucket, "auto", data);
        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketEncryption(b -> b.bucket(bucket)), 404,
                "ServerSideEncryptionConfigurationNotFoundError", null);
        assertThat(s3.putObject(b -> b.bucket(bucket).key("after"), RequestBody.fromBytes(data))
                .serverSideEncryption()).isNull();
        // The disk check does see plaintext where there is some.
        assertThatThrownBy(() -> assertNoPlaintextOnDisk(bucket, "after", data)).isInstanceOf(AssertionError.class);
        assertError(() -> s3.getBucketEncryption(b -> b.bucket("no-such-bucket-here")), 404, "NoSuchBucket", null);
    }

    @Test
    void masterKeyFileIsOwnerOnlyAndObjectsSurviveARestart() throws Exception {
        Path file = cluster.masterKeyFile();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] data = marked(P + 1);
        s3.putObject(b -> b.bucket(BUCKET).key("durable").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(data));
        cluster.restart();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("durable")).asByteArray()).isEqualTo(data);
    }

    // ---- helpers ----

    private static void assertRanges(String key, byte[] data, boolean withCustomerKey) {
        int n = data.length;
        String[] ranges = {"bytes=0-0", "bytes=65535-65535", "bytes=65536-65536", "bytes=65537-65537",
                "bytes=65535-65537", "bytes=0-65535", "bytes=65536-131071", "bytes=" + (n - 1) + "-" + (n - 1),
                "bytes=-1", "bytes=-70000", "bytes=65530-", "bytes=1-" + (n - 2)};
        for (String range : ranges) {
            GetObjectRequest.Builder b = GetObjectRequest.builder().bucket(BUCKET).key(key).range(range);
            if (withCustomerKey) {
                customerGet(b);
            }
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b.build());
            long[] r = resolve(range, n);
            assertThat(got.asByteArray()).as(range).isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) r[1] + 1));
            assertThat(got.response().contentRange()).as(range).isEqualTo("bytes " + r[0] + "-" + r[1] + "/" + n);
            assertThat(got.response().contentLength()).isEqualTo(r[1] - r[0] + 1);
        }
    }

    private static long[] resolve(String range, int n) {
        String spec = range.substring("bytes=".length());
        if (spec.startsWith("-")) {
            long len = Math.min(n, Long.parseLong(spec.substring(1)));
            return new long[] {n - len, n - 1};
        }
        String[] fl = spec.split("-", -1);
        long first = Long.parseLong(fl[0]);
        long last = fl[1].isEmpty() ? n - 1 : Math.min(n - 1, Long.parseLong(fl[1]));
        return new long[] {first, last};
    }

    private static void assertNoPlaintextOnDisk(String key, byte[] plain) {
        assertNoPlaintextOnDisk(BUCKET, key, plain);
    }

    /**
     * Every file any drive holds for the object contains no 32-byte window of the plaintext. The plaintext
     * is {@link #marked} text, in which every 32-byte window contains "plain-": a file without that string
     * holds no such window (and the search stays linear for objects of many MiB).
     */
    private static void assertNoPlaintextOnDisk(String bucket, String key, byte[] plain) {
        assertThat(new String(plain, 0, Math.min(32, plain.length), StandardCharsets.ISO_8859_1)).contains(MARK);
        int files = 0;
        long bytes = 0;
        for (int d = 1; d <= 4; d++) {
            List<Path> found;
            try (Stream<Path> s = Files.walk(cluster.drive(d))) {
                found = s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/" + bucket + "/")
                        && p.toString().contains(key)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path f : found) {
                byte[] content;
                try {
                    content = Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                files++;
                bytes += content.length;
                assertThat(new String(content, StandardCharsets.ISO_8859_1)).as("plaintext in %s", f)
                        .doesNotContain(MARK);
            }
        }
        assertThat(files).as("files of %s", key).isGreaterThan(4);
        assertThat(bytes).as("bytes on disk of %s", key).isGreaterThanOrEqualTo(plain.length);
    }

    private static void assertError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    private static PutObjectRequest.Builder customer(PutObjectRequest.Builder b) {
        return b.sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY));
    }

    private static GetObjectRequest.Builder customerGet(GetObjectRequest.Builder b) {
        return b.sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(keyMd5(KEY));
    }

    /** Text no two places of which look alike: "plain-" and a counter, every 16 bytes. */
    private static byte[] marked(int size) {
        StringBuilder sb = new StringBuilder(size + 32);
        for (int i = 0; sb.length() < size; i++) {
            sb.append(MARK).append(String.format("%09d|", i));
        }
        return sb.substring(0, size).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String keyMd5(byte[] key) {
        return b64(md5(key));
    }

    private static String md5Hex(byte[] b) {
        return HexFormat.of().formatHex(md5(b));
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
