package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ErrorsIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        cluster.s3().createBucket(b -> b.bucket("signed"));
        S3Client wrong = cluster.client(LocalCluster.ACCESS_KEY, "not-the-secret-key",
                RequestChecksumCalculation.WHEN_SUPPORTED);
        assertThatThrownBy(() -> wrong.putObject(b -> b.bucket("signed").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                });
        assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket("signed")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        S3Client unknown = cluster.client("nobody", "whatever-secret", RequestChecksumCalculation.WHEN_SUPPORTED);
        assertThatThrownBy(() -> unknown.listBuckets())
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId"));
    }

    @Test
    void settingsTheStoreCannotHonourAreRefusedAndStoreNothing() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("strict"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("strict").key("cold").storageClass("GLACIER"),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass");
                });
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("strict").key("locked").objectLockMode("GOVERNANCE")
                        .objectLockRetainUntilDate(java.time.Instant.now().plusSeconds(86_400)),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket("strict").key("held")
                .objectLockLegalHoldStatus("ON"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
        assertThat(s3.listObjectsV2(b -> b.bucket("strict")).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket("strict")).uploads()).isEmpty();

        s3.putObject(b -> b.bucket("strict").key("std").storageClass("STANDARD"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket("strict").key("std")).storageClassAsString()).isEqualTo("STANDARD");

    }

    @Test
    void unimplementedOperationsSayNotImplemented() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("unimpl"));
        assertThatThrownBy(() -> s3.getBucketAccelerateConfiguration(b -> b.bucket("unimpl")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
    }

    @Test
    void anonymousRequestsAreDenied() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>");
        assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
    }

    @Test
    void objectsSurviveTheLossOfParityManyDrives() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("sturdy"));
        byte[] data = new byte[LocalCluster.STRIPE_SIZE * 2 + 17];
        new Random(3).nextBytes(data);
        s3.putObject(b -> b.bucket("sturdy").key("obj"), RequestBody.fromBytes(data));
        cluster.wipeBucketOnDrive(1, "sturdy");
        assertThat(cluster.corruptShards(2, "sturdy")).isPositive();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("sturdy").key("obj")).asByteArray()).isEqualTo(data);
    }
}
