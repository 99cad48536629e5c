package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartCompletionIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void completingTwiceAnswersTheSameObject() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("twice"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("twice").key("k")).uploadId();
        List<CompletedPart> parts = upload(s3, "twice", uploadId, 1);
        String etag = s3.completeMultipartUpload(b -> b.bucket("twice").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))).eTag();
        String again = s3.completeMultipartUpload(b -> b.bucket("twice").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))).eTag();
        assertThat(again).isEqualTo(etag).endsWith("-1\"");
        // A copy of that object does not inherit its upload.
        s3.copyObject(b -> b.sourceBucket("twice").sourceKey("k").destinationBucket("twice").destinationKey("copy"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("twice").key("copy").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
    }

    @Test
    void partNumberReadsTellThePartCount() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("parts"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("parts").key("k")).uploadId();
        List<CompletedPart> parts = upload(s3, "parts", uploadId, 1);
        String etag = s3.completeMultipartUpload(b -> b.bucket("parts").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))).eTag();
        HeadObjectResponse head = s3.headObject(b -> b.bucket("parts").key("k").partNumber(1));
        assertThat(head.partsCount()).isEqualTo(1);
        assertThat(head.eTag()).isEqualTo(etag);
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("parts").key("k").partNumber(2)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart");
                });
    }

    @Test
    void copyRangesMustBeWellFormedAndInsideTheSource() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("ranges"));
        s3.putObject(b -> b.bucket("ranges").key("src"), RequestBody.fromString("12345"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("ranges").key("dest")).uploadId();
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("ranges").sourceKey("src")
                .destinationBucket("ranges").destinationKey("dest").uploadId(uploadId).partNumber(1)
                .copySourceRange("bytes=0-21")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
        for (String bad : new String[] {"0-2", "bytes=0", "bytes=0-bar", "bytes=0-2,3-4", "bytes=0-"}) {
            assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("ranges").sourceKey("src")
                    .destinationBucket("ranges").destinationKey("dest").uploadId(uploadId).partNumber(1)
                    .copySourceRange(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    });
        }
        s3.uploadPartCopy(b -> b.sourceBucket("ranges").sourceKey("src").destinationBucket("ranges")
                .destinationKey("dest").uploadId(uploadId).partNumber(1).copySourceRange("bytes=1-3"));
        assertThat(s3.listParts(b -> b.bucket("ranges").key("dest").uploadId(uploadId)).parts())
                .singleElement().satisfies(p -> assertThat(p.size()).isEqualTo(3L));
    }

    private static List<CompletedPart> upload(S3Client s3, String bucket, String uploadId, int count) {
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int n = i;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(n),
                    RequestBody.fromString("part " + n)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        return parts;
    }
}
