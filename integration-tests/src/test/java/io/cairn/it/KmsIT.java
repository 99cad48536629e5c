package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-KMS with the built-in key ring on a real server process: keys made and rotated by {@code cairn admin kms},
 * kept apart from the drives; objects sealed under them read back after a rotation and a restart.
 */
class KmsIT {

    private static final byte[] MARKER = "KMS-PLAINTEXT-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void objectsSealedUnderKeyRingKeysReadBackAcrossRotationAndRestart() throws Exception {
        Path data = dir.resolve("data");
        Path ring = dir.resolve("keyring");
        Path masterKey = dir.resolve("secrets").resolve("master.key");
        String[] args = {"--kms-dir", ring.toString(), "--master-key-file", masterKey.toString()};
        List<byte[]> bodies = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, Map.of(), args)) {
            CairnCli.Result created = server.cli("admin", "kms", "create", "photos-key");
            assertThat(created.exit()).as(created.output()).isZero();
            assertThat(created.output()).contains("photos-key", "version 1");
            assertThat(server.cli("admin", "kms", "create", "photos-key").output()).contains("HTTP 409");

            S3Client s3 = server.s3();
            s3.createBucket(b -> b.bucket("photos"));
            for (int size : new int[] {1_000, 3 << 20}) {
                byte[] body = body(size, bodies.size());
                bodies.add(body);
                String key = "k" + (bodies.size() - 1);
                PutObjectResponse put = s3.putObject(b -> b.bucket("photos").key(key)
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("photos-key"),
                        RequestBody.fromBytes(body));
                assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
                assertThat(put.ssekmsKeyId()).isEqualTo("photos-key");
            }
            byte[] multipart = body(11 << 20, 7);
            bodies.add(multipart);
            uploadMultipart(s3, "k2", multipart);

            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("photos").key("nope")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("no-such-key"),
                    RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException");
                    });

            // a bucket default names the key: a PUT that asks for nothing is sealed under it
            s3.putBucketEncryption(b -> b.bucket("photos").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                            .kmsMasterKeyID("photos-key")))));
            byte[] byDefault = body(50_000, 9);
            bodies.add(byDefault);
            assertThat(s3.putObject(b -> b.bucket("photos").key("k3"), RequestBody.fromBytes(byDefault))
                    .ssekmsKeyId()).isEqualTo("photos-key");
            assertThat(s3.getBucketEncryption(b -> b.bucket("photos")).serverSideEncryptionConfiguration().rules()
                    .get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo("photos-key");

            readAll(s3, bodies);
            assertThat(drivesHold(data, MARKER)).as("plaintext on a drive").isFalse();
            assertThat(Files.getPosixFilePermissions(ring.resolve("photos-key.json")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.exists(masterKey)).isTrue();
            assertThat(Files.exists(data.resolve("master.key"))).as("the master key lives where it was put").isFalse();

            CairnCli.Result rotated = server.cli("admin", "kms", "rotate", "photos-key");
            assertThat(rotated.exit()).as(rotated.output()).isZero();
            assertThat(rotated.output()).contains("version 2", bodies.size() + " object versions resealed, 0 failed");
            readAll(s3, bodies);
            assertThat(drivesHold(data, "\"cairn-sse-kms-version\":\"1\"".getBytes(StandardCharsets.UTF_8)))
                    .as("a data key still sealed under the old version").isFalse();
        }
        try (ServerProcess again = ServerProcess.start(data, Map.of(), args)) {
            readAll(again.s3(), bodies);
            assertThat(again.cli("admin", "kms", "list").output()).contains("photos-key", "version 2");
        }
    }

    private static void uploadMultipart(S3Client s3, String key, byte[] body) {
        String id = s3.createMultipartUpload(b -> b.bucket("photos").key(key)
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("photos-key")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int partSize = 5 << 20;
        for (int n = 1, off = 0; off < body.length; n++, off += partSize) {
            int from = off;
            int len = Math.min(partSize, body.length - off);
            int number = n;
            String etag = s3.uploadPart(b -> b.bucket("photos").key(key).uploadId(id).partNumber(number),
                    RequestBody.fromBytes(Arrays.copyOfRange(body, from, from + len))).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        assertThat(s3.completeMultipartUpload(b -> b.bucket("photos").key(key).uploadId(id)
                .multipartUpload(m -> m.parts(parts))).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    }

    private static void readAll(S3Client s3, List<byte[]> bodies) {
        for (int i = 0; i < bodies.size(); i++) {
            String key = "k" + i;
            assertThat(s3.getObjectAsBytes(b -> b.bucket("photos").key(key)).asByteArray()).as(key)
                    .isEqualTo(bodies.get(i));
            HeadObjectResponse head = s3.headObject(b -> b.bucket("photos").key(key));
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).isEqualTo("photos-key");
            assertThat(head.contentLength()).isEqualTo(bodies.get(i).length);
        }
    }

    /** A random body with the marker repeated in it, so plaintext on a drive would be found. */
    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        for (int at = 0; at + MARKER.length <= size; at += 4096) {
            System.arraycopy(MARKER, 0, b, at, MARKER.length);
        }
        return b;
    }

    private static boolean drivesHold(Path data, byte[] needle) throws Exception {
        String n = new String(needle, StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}
