package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void bucketLifecycle() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("life"));
        s3.headBucket(b -> b.bucket("life"));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("life");
        assertThat(s3.getBucketLocation(b -> b.bucket("life")).locationConstraintAsString()).isEmpty();

        // us-east-1: re-creating your own bucket succeeds and changes nothing (S3's legacy behaviour).
        s3.putObject(b -> b.bucket("life").key("kept"), RequestBody.fromString("x"));
        s3.createBucket(b -> b.bucket("life"));
        assertThat(s3.listObjectsV2(b -> b.bucket("life")).contents()).extracting(o -> o.key()).containsExactly("kept");
        s3.deleteObject(b -> b.bucket("life").key("kept"));

        s3.putObject(b -> b.bucket("life").key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("life")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
                });
        s3.deleteObject(b -> b.bucket("life").key("k"));
        s3.deleteBucket(b -> b.bucket("life"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("life")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("life")))
                .isInstanceOfSatisfying(NoSuchBucketException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void invalidBucketNames() {
        S3Client s3 = cluster.s3();
        // CreateBucket names are checked by the SDK itself, so other operations carry the bad names here.
        for (String name : new String[] {"ab", "under_score", "-dash", "192.168.1.1", "a".repeat(64)}) {
            assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(name)))
                    .as(name)
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName");
                    });
        }
    }

    @Test
    void ownershipControlsRoundTrip() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("owned").objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket("owned")).ownershipControls().rules())
                .extracting(OwnershipControlsRule::objectOwnership).containsExactly(ObjectOwnership.OBJECT_WRITER);
        s3.putBucketOwnershipControls(b -> b.bucket("owned").ownershipControls(c -> c.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build())));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket("owned")).ownershipControls().rules())
                .extracting(OwnershipControlsRule::objectOwnership)
                .containsExactly(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        s3.deleteBucketOwnershipControls(b -> b.bucket("owned"));
        assertThatThrownBy(() -> s3.getBucketOwnershipControls(b -> b.bucket("owned")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OwnershipControlsNotFoundError");
                });
    }

    @Test
    void versioningConfigurationRoundTrips() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("vers"));
        assertThat(s3.getBucketVersioning(b -> b.bucket("vers")).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket("vers").versioningConfiguration(v -> v.status("Suspended")));
        assertThat(s3.getBucketVersioning(b -> b.bucket("vers")).statusAsString()).isEqualTo("Suspended");
    }
}
