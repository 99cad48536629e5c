package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartChecksumIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    private static final int PART = 5 * 1024 * 1024;

    private static byte[] filled(char c, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static String crc32(byte[]... pieces) {
        CRC32 crc = new CRC32();
        for (byte[] p : pieces) {
            crc.update(p);
        }
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                (byte) v});
    }

    @Test
    void fullObjectCrc32IsCombinedFromThePartsAndPartsKeepTheirs() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("fullcrc"));
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket("fullcrc").key("k")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT));
        assertThat(created.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(created.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        byte[][] data = {filled('A', PART), filled('B', PART), filled('C', 1000)};
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            int n = i + 1;
            byte[] body = data[i];
            var r = s3.uploadPart(b -> b.bucket("fullcrc").key("k").uploadId(created.uploadId()).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(body));
            assertThat(r.checksumCRC32()).isEqualTo(crc32(body));
            parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        String whole = crc32(data);
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("fullcrc").key("k")
                .uploadId(created.uploadId()).checksumCRC32(whole).multipartUpload(m -> m.parts(parts)));
        assertThat(done.checksumCRC32()).isEqualTo(whole);
        assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("fullcrc").key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(whole);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        HeadObjectResponse part2 = s3.headObject(b -> b.bucket("fullcrc").key("k").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(part2.checksumCRC32()).isEqualTo(crc32(data[1]));
    }

    @Test
    void compositeChecksumIsChecked() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("composite"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("composite").key("k")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        var r = s3.uploadPart(b -> b.bucket("composite").key("k").uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("only part"));
        CompletedPart part = CompletedPart.builder().partNumber(1).eTag(r.eTag()).checksumSHA256(r.checksumSHA256())
                .build();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("composite").key("k").uploadId(uploadId)
                .checksumSHA256("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=-1")
                .multipartUpload(m -> m.parts(part))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("composite").key("k")
                .uploadId(uploadId).multipartUpload(m -> m.parts(part)));
        assertThat(done.checksumSHA256()).endsWith("-1");
        assertThat(done.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    }
}
