package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class VersioningIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "versions";
    static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = cluster.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        assertThat(s3.getBucketVersioning(b -> b.bucket(BUCKET)).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(c -> c.status(
                BucketVersioningStatus.ENABLED)));
    }

    @Test
    void overwritesKeepVersionsAndDeleteWritesAMarker() {
        String v1 = s3.putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotNull().isNotEqualTo(v2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k").versionId(v1)).asUtf8String()).isEqualTo("one");
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("k").versionId(v1)).versionId()).isEqualTo(v1);

        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(BUCKET).key("k"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isNotNull();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(BUCKET).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker"))
                            .contains("true");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("k").versionId(marker.versionId())))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(405));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(BUCKET).key("k")
                .versionId("0123456789abcdef0123456789abcdef")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion");
                });

        ListObjectVersionsResponse list = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("k"));
        assertThat(list.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
        assertThat(list.versions()).extracting(ObjectVersion::isLatest).containsExactly(false, false);
        assertThat(list.deleteMarkers()).singleElement().satisfies(m -> {
            assertThat(m.versionId()).isEqualTo(marker.versionId());
            assertThat(m.isLatest()).isTrue();
        });

        s3.deleteObject(b -> b.bucket(BUCKET).key("k").versionId(marker.versionId()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k")).asUtf8String()).isEqualTo("two");
    }

    @Test
    void listVersionsPagination() {
        for (int i = 0; i < 3; i++) {
            for (String k : List.of("p/a", "p/b")) {
                s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
            }
        }
        List<String> seen = new ArrayList<>();
        String km = null;
        String vm = null;
        while (true) {
            String fkm = km;
            String fvm = vm;
            ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("p/").maxKeys(4)
                    .keyMarker(fkm).versionIdMarker(fvm));
            r.versions().forEach(v -> seen.add(v.key()));
            if (!r.isTruncated()) {
                break;
            }
            km = r.nextKeyMarker();
            vm = r.nextVersionIdMarker();
        }
        assertThat(seen).containsExactly("p/a", "p/a", "p/a", "p/b", "p/b", "p/b");
    }

    @Test
    void deleteObjectsWithVersionIdsAndMultipartVersions() {
        String v1 = s3.putObject(b -> b.bucket(BUCKET).key("d"), RequestBody.fromString("x")).versionId();
        var created = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("d"));
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("d").uploadId(created.uploadId()).partNumber(1),
                RequestBody.fromString("mp")).eTag();
        String v2 = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("d").uploadId(created.uploadId())
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        assertThat(v2).isNotNull().isNotEqualTo(v1);
        var result = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("d").versionId(v1).build(),
                ObjectIdentifier.builder().key("d").versionId(v2).build())));
        assertThat(result.deleted()).hasSize(2);
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("d")).versions()).isEmpty();
    }

    @Test
    void listVersionsReportsPlaintextSizesOfEncryptedObjects() {
        s3.putObject(b -> b.bucket(BUCKET).key("enc").serverSideEncryption(
                ServerSideEncryption.AES256), RequestBody.fromString("secret!"));
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("enc")).versions())
                .singleElement().satisfies(v -> assertThat(v.size()).isEqualTo(7L));
    }

    @Test
    void suspendedBucketWritesTheNullVersion() {
        s3.createBucket(b -> b.bucket("suspended"));
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("null-1"));
        s3.putBucketVersioning(b -> b.bucket("suspended").versioningConfiguration(c -> c.status(
                BucketVersioningStatus.ENABLED)));
        String v = s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("v")).versionId();
        s3.putBucketVersioning(b -> b.bucket("suspended").versioningConfiguration(c -> c.status(
                BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("suspended")).status())
                .isEqualTo(BucketVersioningStatus.SUSPENDED);
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("null-2"));
        assertThat(s3.listObjectVersions(b -> b.bucket("suspended")).versions())
                .extracting(ObjectVersion::versionId).containsExactly("null", v);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("suspended").key("k").versionId("null")).asUtf8String())
                .isEqualTo("null-2");
    }
}
