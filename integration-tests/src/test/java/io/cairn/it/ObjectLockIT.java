package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Object lock (WORM) through the AWS SDK v2 against a real server over four drives. */
class ObjectLockIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static S3Client s3;
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @BeforeAll
    static void client() {
        s3 = cluster.s3();
    }

    @Test
    void aLockedBucketIsVersionedForGoodAndKeepsItsDefaultRetention() {
        s3.createBucket(b -> b.bucket("lock-config").objectLockEnabledForBucket(true));
        assertThat(s3.getBucketVersioning(b -> b.bucket("lock-config")).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket("lock-config")).objectLockConfiguration()
                .objectLockEnabledAsString()).isEqualTo("Enabled");
        error(() -> s3.putBucketVersioning(b -> b.bucket("lock-config").versioningConfiguration(
                c -> c.status(BucketVersioningStatus.SUSPENDED))), 409, "InvalidBucketState");

        s3.putObjectLockConfiguration(b -> b.bucket("lock-config").objectLockConfiguration(c -> c
                .objectLockEnabled("Enabled").rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE)
                        .days(2)))));
        var stored = s3.getObjectLockConfiguration(b -> b.bucket("lock-config")).objectLockConfiguration();
        assertThat(stored.rule().defaultRetention().mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(stored.rule().defaultRetention().days()).isEqualTo(2);

        // a new object takes the default: COMPLIANCE for two days from its creation
        Instant before = Instant.now();
        String v = s3.putObject(b -> b.bucket("lock-config").key("k"), RequestBody.fromString("x")).versionId();
        HeadObjectResponse head = s3.headObject(b -> b.bucket("lock-config").key("k"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isBetween(before.plus(2, ChronoUnit.DAYS).minusSeconds(5),
                Instant.now().plus(2, ChronoUnit.DAYS).plusSeconds(5));
        error(() -> s3.deleteObject(b -> b.bucket("lock-config").key("k").versionId(v).bypassGovernanceRetention(true)),
                403, "AccessDenied");

        // the configuration is checked as AWS does
        error(() -> s3.putObjectLockConfiguration(b -> b.bucket("lock-config").objectLockConfiguration(c -> c
                .objectLockEnabled("Enabled").rule(r -> r.defaultRetention(d -> d
                        .mode(ObjectLockRetentionMode.GOVERNANCE).days(1).years(1))))), 400, "MalformedXML");
        error(() -> s3.putObjectLockConfiguration(b -> b.bucket("lock-config").objectLockConfiguration(c -> c
                .objectLockEnabled("Enabled").rule(r -> r.defaultRetention(d -> d
                        .mode(ObjectLockRetentionMode.GOVERNANCE).days(0))))), 400, "InvalidRetentionPeriod");

        // a bucket without lock: none to read, none to put unless its versioning is Enabled, no lock headers
        s3.createBucket(b -> b.bucket("lock-later"));
        error(() -> s3.getObjectLockConfiguration(b -> b.bucket("lock-later")), 404,
                "ObjectLockConfigurationNotFoundError");
        error(() -> s3.putObjectLockConfiguration(b -> b.bucket("lock-later").objectLockConfiguration(c -> c
                .objectLockEnabled("Enabled"))), 409, "InvalidBucketState");
        error(() -> s3.putObject(b -> b.bucket("lock-later").key("k").objectLockLegalHoldStatus(
                ObjectLockLegalHoldStatus.ON), RequestBody.fromString("x")), 400, "InvalidRequest");
        assertThat(s3.listObjectVersions(b -> b.bucket("lock-later")).versions()).isEmpty();
        s3.putBucketVersioning(b -> b.bucket("lock-later").versioningConfiguration(
                c -> c.status(BucketVersioningStatus.ENABLED)));
        s3.putObjectLockConfiguration(b -> b.bucket("lock-later").objectLockConfiguration(c -> c
                .objectLockEnabled("Enabled")));
        assertThat(s3.putObject(b -> b.bucket("lock-later").key("k").objectLockLegalHoldStatus(
                ObjectLockLegalHoldStatus.ON), RequestBody.fromString("x")).versionId()).isNotNull();
    }

    @Test
    void governanceGivesWayOnlyToTheBypassAndComplianceToNobody() {
        s3.createBucket(b -> b.bucket("lock-retention").objectLockEnabledForBucket(true));
        String gov = s3.putObject(b -> b.bucket("lock-retention").key("gov").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(FAR), RequestBody.fromString("g")).versionId();
        String comp = s3.putObject(b -> b.bucket("lock-retention").key("comp"), RequestBody.fromString("c"))
                .versionId();
        s3.putObjectRetention(b -> b.bucket("lock-retention").key("comp").retention(r -> r
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(FAR)));
        var retention = s3.getObjectRetention(b -> b.bucket("lock-retention").key("comp")).retention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(retention.retainUntilDate()).isEqualTo(FAR);

        error(() -> s3.deleteObject(b -> b.bucket("lock-retention").key("gov").versionId(gov)), 403, "AccessDenied");
        error(() -> s3.putObjectRetention(b -> b.bucket("lock-retention").key("gov").retention(r -> r
                .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(FAR.minus(1, ChronoUnit.DAYS)))),
                403, "AccessDenied");
        error(() -> s3.putObjectRetention(b -> b.bucket("lock-retention").key("comp").bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(FAR))), 403, "AccessDenied");
        error(() -> s3.deleteObject(b -> b.bucket("lock-retention").key("comp").versionId(comp)
                .bypassGovernanceRetention(true)), 403, "AccessDenied");

        // DeleteObjects reports the held version and removes the other one with the bypass
        DeleteObjectsResponse multi = s3.deleteObjects(b -> b.bucket("lock-retention").bypassGovernanceRetention(true)
                .delete(d -> d.objects(ObjectIdentifier.builder().key("gov").versionId(gov).build(),
                        ObjectIdentifier.builder().key("comp").versionId(comp).build())));
        assertThat(multi.deleted()).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo("gov"));
        assertThat(multi.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("comp");
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
        // a delete marker hides the held version, which still reads back
        assertThat(s3.deleteObject(b -> b.bucket("lock-retention").key("comp")).deleteMarker()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("lock-retention").key("comp").versionId(comp)).asUtf8String())
                .isEqualTo("c");
        error(() -> s3.putObjectRetention(b -> b.bucket("lock-retention").key("comp").versionId(comp).retention(r -> r
                .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(FAR))), 403, "AccessDenied");
    }

    @Test
    void aLegalHoldKeepsAMultipartObjectUntilItIsTurnedOff() {
        s3.createBucket(b -> b.bucket("lock-hold").objectLockEnabledForBucket(true));
        String upload = s3.createMultipartUpload(b -> b.bucket("lock-hold").key("mp")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket("lock-hold").key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        String v = s3.completeMultipartUpload(b -> b.bucket("lock-hold").key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        assertThat(s3.getObjectLegalHold(b -> b.bucket("lock-hold").key("mp")).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertThat(s3.headObject(b -> b.bucket("lock-hold").key("mp")).objectLockLegalHoldStatus())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
        error(() -> s3.deleteObject(b -> b.bucket("lock-hold").key("mp").versionId(v).bypassGovernanceRetention(true)),
                403, "AccessDenied");
        error(() -> s3.getObjectRetention(b -> b.bucket("lock-hold").key("mp")), 404, "NoSuchObjectLockConfiguration");

        s3.putObjectLegalHold(b -> b.bucket("lock-hold").key("mp").legalHold(h -> h.status(
                ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket("lock-hold").key("mp").versionId(v));
        assertThat(s3.listObjectVersions(b -> b.bucket("lock-hold")).versions()).isEmpty();
        s3.deleteBucket(b -> b.bucket("lock-hold"));
    }

    @Test
    void aCopyIsLockedByItsOwnRequestNotByItsSource() {
        s3.createBucket(b -> b.bucket("lock-copy").objectLockEnabledForBucket(true));
        s3.putObject(b -> b.bucket("lock-copy").key("src").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("s"));
        String copy = s3.copyObject(b -> b.sourceBucket("lock-copy").sourceKey("src").destinationBucket("lock-copy")
                .destinationKey("dst")).versionId();
        assertThat(s3.headObject(b -> b.bucket("lock-copy").key("dst")).objectLockLegalHoldStatus()).isNull();
        s3.deleteObject(b -> b.bucket("lock-copy").key("dst").versionId(copy));
    }

    private static void error(ThrowingCallable call, int status, String code) {
        Consumer<S3Exception> check = e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        };
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, check);
    }
}
