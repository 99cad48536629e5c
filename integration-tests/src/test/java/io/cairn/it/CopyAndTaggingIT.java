package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

class CopyAndTaggingIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "copies";

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void copyKeepsOrReplacesMetadata() {
        S3Client s3 = cluster.s3();
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("src").contentType("text/plain")
                .metadata(Map.of("a", "1")), RequestBody.fromString("copy me")).eTag();
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src").destinationBucket(BUCKET).destinationKey("dst"));
        HeadObjectResponse copied = s3.headObject(b -> b.bucket(BUCKET).key("dst"));
        assertThat(copied.metadata()).isEqualTo(Map.of("a", "1"));
        assertThat(copied.contentType()).isEqualTo("text/plain");
        assertThat(copied.eTag()).isEqualTo(etag);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("dst")).asUtf8String()).isEqualTo("copy me");

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src").destinationBucket(BUCKET).destinationKey("dst2")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")).contentType("text/html"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(BUCKET).key("dst2"));
        assertThat(replaced.metadata()).isEqualTo(Map.of("b", "2"));
        assertThat(replaced.contentType()).isEqualTo("text/html");

        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src")
                .destinationBucket(BUCKET).destinationKey("dst3").copySourceIfMatch("\"other\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src")
                .destinationBucket(BUCKET).destinationKey("src")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
    }

    @Test
    void objectAndBucketTags() {
        S3Client s3 = cluster.s3();
        s3.putObject(b -> b.bucket(BUCKET).key("tagged").tagging("team=storage&tier=gold"),
                RequestBody.fromString("t"));
        assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet())
                .containsExactly(Tag.builder().key("team").value("storage").build(),
                        Tag.builder().key("tier").value("gold").build());
        s3.putObjectTagging(b -> b.bucket(BUCKET).key("tagged")
                .tagging(t -> t.tagSet(Tag.builder().key("x y").value("1&2").build())));
        assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet())
                .containsExactly(Tag.builder().key("x y").value("1&2").build());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("tagged")).response().tagCount()).isEqualTo(1);
        s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("tagged"));
        assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet()).isEmpty();

        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket(BUCKET)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));
        s3.putBucketTagging(b -> b.bucket(BUCKET).tagging(t -> t.tagSet(Tag.builder().key("env").value("it").build())));
        assertThat(s3.getBucketTagging(b -> b.bucket(BUCKET)).tagSet())
                .containsExactly(Tag.builder().key("env").value("it").build());
        s3.deleteBucketTagging(b -> b.bucket(BUCKET));
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket(BUCKET))).isInstanceOf(S3Exception.class);
    }
}
