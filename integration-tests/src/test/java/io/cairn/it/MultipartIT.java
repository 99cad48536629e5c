package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "multi";
    static final int PART = 5 * 1024 * 1024;

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void uploadListCompleteAndReadBack() throws Exception {
        S3Client s3 = cluster.s3();
        byte[] data = new byte[2 * PART + 1234];
        new Random(11).nextBytes(data);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("big").contentType("video/mp4"))
                .uploadId();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).extracting(MultipartUpload::uploadId)
                .contains(uploadId);
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i + 1;
            byte[] slice = Arrays.copyOfRange(data, i * PART, Math.min(data.length, (i + 1) * PART));
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("big").uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(slice)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key("big").uploadId(uploadId));
        assertThat(listed.parts()).hasSize(3);
        assertThat(listed.parts().get(2).size()).isEqualTo(1234L);
        String etag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))).eTag();
        assertThat(etag).matches("\"[0-9a-f]{32}-3\"");
        var got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big"));
        assertThat(ObjectIT.hex("SHA-256", got.asByteArray())).isEqualTo(ObjectIT.hex("SHA-256", data));
        assertThat(got.response().contentType()).isEqualTo("video/mp4");
        assertThat(got.response().eTag()).isEqualTo(etag);
        var second = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big").partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(Arrays.copyOfRange(data, PART, 2 * PART));
        assertThat(second.response().partsCount()).isEqualTo(3);
    }

    @Test
    void abortForgetsTheUpload() {
        S3Client s3 = cluster.s3();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("gone")).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key("gone").uploadId(uploadId).partNumber(1), RequestBody.fromString("x"));
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("gone").uploadId(uploadId));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(BUCKET).key("gone").uploadId(uploadId)))
                .isInstanceOfSatisfying(NoSuchUploadException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void completingWithAWrongEtagIsInvalidPart() {
        S3Client s3 = cluster.s3();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("bad")).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key("bad").uploadId(uploadId).partNumber(1), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("bad").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                        .eTag("\"00000000000000000000000000000000\"").build()))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
    }
}
