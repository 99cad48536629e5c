package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ConditionalWriteIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void putObjectHonoursIfMatchAndIfNoneMatch() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("cond"));
        expect(404, "NoSuchKey", () -> put(s3, "v0", b -> b.ifMatch("*")));
        expect(404, "NoSuchKey", () -> put(s3, "v0", b -> b.ifMatch("\"0123\"")));

        String etag = put(s3, "v1", b -> b.ifNoneMatch("*"));
        expect(412, "PreconditionFailed", () -> put(s3, "v2", b -> b.ifNoneMatch("*")));
        expect(412, "PreconditionFailed", () -> put(s3, "v2", b -> b.ifNoneMatch(etag)));
        expect(412, "PreconditionFailed", () -> put(s3, "v2", b -> b.ifMatch("\"0123\"")));
        String etag2 = put(s3, "v2", b -> b.ifNoneMatch("\"0123\""));
        String etag3 = put(s3, "v3", b -> b.ifMatch(etag2));
        put(s3, "v4", b -> b.ifMatch("*"));
        assertThat(etag3).isNotEqualTo(etag2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("k")).asUtf8String()).isEqualTo("v4");
    }

    @Test
    void completeMultipartUploadHonoursIfMatch() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("condmp"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket("condmp").key("k")).uploadId();
        String partEtag = s3.uploadPart(b -> b.bucket("condmp").key("k").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        expect(404, "NoSuchKey", () -> s3.completeMultipartUpload(b -> b.bucket("condmp").key("k")
                .uploadId(uploadId).ifMatch("*")
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build()))));
        s3.putObject(b -> b.bucket("condmp").key("k"), RequestBody.fromString("first"));
        expect(412, "PreconditionFailed", () -> s3.completeMultipartUpload(b -> b.bucket("condmp").key("k")
                .uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build()))));
        s3.completeMultipartUpload(b -> b.bucket("condmp").key("k").uploadId(uploadId).ifMatch("*")
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partEtag).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("condmp").key("k")).asUtf8String()).isEqualTo("part");
    }

    private static String put(S3Client s3, String body, Consumer<PutObjectRequest.Builder> condition) {
        return s3.putObject(b -> {
            b.bucket("cond").key("k");
            condition.accept(b);
        }, RequestBody.fromString(body)).eTag();
    }

    private static void expect(int status, String code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
