package io.cairn.object;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectService} must do, as S3 clients see it through the gateway: run against the
 * erasure-coded layer and against the in-memory fake the gateway tests use, so that a gateway test passing
 * over the fake says something about the real store. Where they once disagreed, AWS's documented
 * behaviour decided.
 */
public abstract class ObjectServiceContractTest {

    /** Every part but the last must have at least this many bytes in the service under test. */
    protected static final int MIN_PART_SIZE = 1024;
    protected static final String BUCKET = "bkt";

    protected ObjectService service;

    /** A fresh, empty service whose minimum part size is {@link #MIN_PART_SIZE}. */
    protected abstract ObjectService newService();

    /** Releases what {@link #newService()} opened. */
    protected void close(ObjectService s) {
    }

    @BeforeEach
    void openService() {
        service = newService();
        service.createBucket(BUCKET);
    }

    @AfterEach
    void closeService() {
        close(service);
    }

    // ---- buckets ----

    @Test
    void bucketsAreListedByNameAndCreatedOnce() {
        service.createBucket("zeta");
        service.createBucket("alpha");
        assertThat(service.listBuckets()).extracting(BucketInfo::name).containsExactly("alpha", BUCKET, "zeta");
        assertThat(service.headBucket("alpha").created()).isNotNull();
        assertThatThrownBy(() -> service.createBucket("alpha")).isInstanceOf(BucketExistsException.class);
        assertThatThrownBy(() -> service.headBucket("absent")).isInstanceOf(BucketNotFoundException.class);
    }

    @Test
    void aBucketIsDeletedOnlyOnceNoVersionOrDeleteMarkerIsLeft() {
        service.putBucketConfig(BUCKET, "tagging", "<Tagging/>");
        put("k", "v1");
        assertThatThrownBy(() -> service.deleteBucket(BUCKET)).isInstanceOf(BucketNotEmptyException.class);
        enableVersioning();
        DeleteResult marker = service.deleteObject(BUCKET, "k", null);
        // AWS: every version and delete marker must go before the bucket can
        assertThatThrownBy(() -> service.deleteBucket(BUCKET)).isInstanceOf(BucketNotEmptyException.class);
        service.deleteObject(BUCKET, "k", marker.versionId());
        assertThatThrownBy(() -> service.deleteBucket(BUCKET)).isInstanceOf(BucketNotEmptyException.class);
        service.deleteObject(BUCKET, "k", "null");
        service.deleteBucket(BUCKET);

        assertThatThrownBy(() -> service.headBucket(BUCKET)).isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> service.deleteBucket(BUCKET)).isInstanceOf(BucketNotFoundException.class);
        assertThat(service.listBuckets()).extracting(BucketInfo::name).doesNotContain(BUCKET);
        service.createBucket(BUCKET);
        assertThat(service.getBucketConfig(BUCKET, "tagging")).isEmpty();
        assertThat(service.getBucketConfig(BUCKET, "versioning")).isEmpty();
    }

    @Test
    void bucketConfigurationIsKeptPerBucketAndName() {
        service.createBucket("other");
        service.putBucketConfig(BUCKET, "cors", "<CORSConfiguration/>");
        service.putBucketConfig(BUCKET, "cors", "<CORSConfiguration>2</CORSConfiguration>");
        service.putBucketConfig(BUCKET, "tagging", "<Tagging/>");
        assertThat(service.getBucketConfig(BUCKET, "cors")).contains("<CORSConfiguration>2</CORSConfiguration>");
        assertThat(service.getBucketConfig("other", "cors")).isEmpty();
        service.deleteBucketConfig(BUCKET, "cors");
        assertThat(service.getBucketConfig(BUCKET, "cors")).isEmpty();
        assertThat(service.getBucketConfig(BUCKET, "tagging")).contains("<Tagging/>");
        service.deleteBucketConfig(BUCKET, "cors");
        assertThatThrownBy(() -> service.getBucketConfig("absent", "cors")).isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> service.putBucketConfig("absent", "cors", "x"))
                .isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> service.deleteBucketConfig("absent", "cors"))
                .isInstanceOf(BucketNotFoundException.class);
    }

    @Test
    void everyOperationOnAMissingBucketIsBucketNotFound() {
        List<Function<ObjectService, Object>> calls = List.of(
                s -> s.putObject("absent", "k", body("x"), 1, PutOptions.of(Map.of())),
                s -> s.headObject("absent", "k", null),
                s -> s.getObject("absent", "k", null, null),
                s -> s.deleteObject("absent", "k", null),
                s -> s.updateMetadata("absent", "k", null, Map.of()),
                s -> s.listObjects("absent", new ListRequest("", null, "", 10)),
                s -> s.listObjectVersions("absent", "", null, null, null, 10),
                s -> s.createMultipartUpload("absent", "k", Map.of()),
                s -> s.listMultipartUploads("absent", "", null, null, null, 10));
        for (Function<ObjectService, Object> call : calls) {
            assertThatThrownBy(() -> call.apply(service)).isInstanceOf(BucketNotFoundException.class);
        }
    }

    // ---- objects ----

    @Test
    void anObjectReadsBackWithItsEtagSizeAndMetadata() {
        for (int size : new int[] {0, 1, 1000, 100_000}) {
            byte[] data = random(size, size);
            String key = "k" + size;
            ObjectInfo put = service.putObject(BUCKET, key, new ByteArrayInputStream(data), size,
                    PutOptions.of(Map.of("content-type", "text/plain", "x-amz-meta-a", "b")));
            assertThat(put.bucket()).isEqualTo(BUCKET);
            assertThat(put.key()).isEqualTo(key);
            assertThat(put.size()).isEqualTo(size);
            assertThat(put.etag()).isEqualTo(md5Hex(data));
            assertThat(put.versionId()).isEqualTo("null");
            assertThat(put.deleteMarker()).isFalse();
            assertThat(put.partSizes()).isEmpty();
            assertThat(put.lastModified()).isNotNull();

            ObjectInfo head = service.headObject(BUCKET, key, null);
            assertThat(head).isEqualTo(put);
            assertThat(head.metadata()).containsOnly(Map.entry("content-type", "text/plain"),
                    Map.entry("x-amz-meta-a", "b"));
            try (ObjectContent c = service.getObject(BUCKET, key, null, null)) {
                assertThat(c.info()).isEqualTo(put);
                assertThat(c.offset()).isZero();
                assertThat(c.length()).isEqualTo(size);
            }
            assertThat(read(key, null, null)).as("size %d", size).isEqualTo(data);
        }
    }

    @Test
    void aBodyOfUnknownLengthIsStoredWhole() {
        byte[] data = random(70_000, 3);
        ObjectInfo put = service.putObject(BUCKET, "k", new ByteArrayInputStream(data), -1, PutOptions.of(Map.of()));
        assertThat(put.size()).isEqualTo(data.length);
        assertThat(read("k", null, null)).isEqualTo(data);
    }

    @Test
    void rangesReadExactBytesAndAnUnsatisfiableRangeIsRefused() {
        byte[] data = random(10_000, 5);
        put("r", data);
        assertThat(read("r", null, ByteRange.of(0, 0))).containsExactly(data[0]);
        assertThat(read("r", null, ByteRange.of(100, 199))).isEqualTo(Arrays.copyOfRange(data, 100, 200));
        assertThat(read("r", null, ByteRange.of(9_990, -1))).isEqualTo(Arrays.copyOfRange(data, 9_990, 10_000));
        assertThat(read("r", null, ByteRange.of(9_990, 20_000))).isEqualTo(Arrays.copyOfRange(data, 9_990, 10_000));
        assertThat(read("r", null, ByteRange.suffix(10))).isEqualTo(Arrays.copyOfRange(data, 9_990, 10_000));
        assertThat(read("r", null, ByteRange.suffix(50_000))).isEqualTo(data);
        try (ObjectContent c = service.getObject(BUCKET, "r", null, ByteRange.of(100, 199))) {
            assertThat(c.offset()).isEqualTo(100);
            assertThat(c.length()).isEqualTo(100);
            assertThat(c.info().size()).isEqualTo(10_000);
        }
        assertThatThrownBy(() -> service.getObject(BUCKET, "r", null, ByteRange.of(10_000, 10_005)))
                .isInstanceOf(InvalidRangeException.class);
        put("empty", new byte[0]);
        assertThatThrownBy(() -> service.getObject(BUCKET, "empty", null, ByteRange.of(0, 0)))
                .isInstanceOf(InvalidRangeException.class);
    }

    @Test
    void aMissingObjectOrVersionIsNotFoundAndAMalformedVersionIdIsRefused() {
        assertThatThrownBy(() -> service.headObject(BUCKET, "absent", null))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.deleteMarker()).isFalse());
        assertThatThrownBy(() -> service.getObject(BUCKET, "absent", null, null))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> service.updateMetadata(BUCKET, "absent", null, Map.of()))
                .isInstanceOf(ObjectNotFoundException.class);
        put("k", "v");
        String unknown = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", unknown))
                .isInstanceOfSatisfying(VersionNotFoundException.class,
                        e -> assertThat(e.versionId()).isEqualTo(unknown));
        assertThatThrownBy(() -> service.getObject(BUCKET, "absent", unknown, null))
                .isInstanceOf(VersionNotFoundException.class);
        // AWS: 400 InvalidArgument "Invalid version id specified"; never a path on a drive
        for (String bad : List.of("../x", "zz", "")) {
            assertThatThrownBy(() -> service.headObject(BUCKET, "k", bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> service.deleteObject(BUCKET, "k", bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class);
        }
        assertThat(read("k", "null", null)).isEqualTo(bytes("v"));
    }

    @Test
    void anOverwriteInAnUnversionedBucketReplacesTheNullVersion() {
        put("k", "one");
        ObjectInfo second = put("k", "second");
        assertThat(read("k", null, null)).isEqualTo(bytes("second"));
        assertThat(service.headObject(BUCKET, "k", null).etag()).isEqualTo(second.etag());
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId(), e -> e.info().size(), ListVersionsResult.Entry::latest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("null", 6L, true));
    }

    @Test
    void aBodyThatFailsOrEndsEarlyStoresNothing() {
        put("p", "previous");
        assertThatThrownBy(() -> service.putObject(BUCKET, "p", failingAfter(50_000), 200_000,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class)
                .hasRootCauseMessage("connection reset");
        assertThatThrownBy(() -> service.putObject(BUCKET, "p", failingAfter(10), -1, PutOptions.of(Map.of())))
                .isInstanceOf(BodyReadException.class);
        assertThatThrownBy(() -> service.putObject(BUCKET, "p", new ByteArrayInputStream(new byte[10]), 11,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class);
        assertThatThrownBy(() -> service.putObject(BUCKET, "p", new ByteArrayInputStream(new byte[12]), 11,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class);
        assertThatThrownBy(() -> service.putObject(BUCKET, "new", failingAfter(10), 100, PutOptions.of(Map.of())))
                .isInstanceOf(BodyReadException.class);
        assertThat(read("p", null, null)).isEqualTo(bytes("previous"));
        assertThatThrownBy(() -> service.headObject(BUCKET, "new", null)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(service.listObjects(BUCKET, new ListRequest("", null, "", 10)).objects())
                .extracting(ObjectInfo::key).containsExactly("p");
    }

    @Test
    void metadataTheBodyTellsIsAskedAfterItsEndAndWinsOverTheRequests() {
        AtomicBoolean bodyRead = new AtomicBoolean();
        // a stream as the gateway hands one over: it tells its end only by reading to it
        InputStream body = new java.io.FilterInputStream(body("payload")) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                bodyRead.compareAndSet(false, n < 0);
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = super.read();
                bodyRead.compareAndSet(false, n < 0);
                return n;
            }
        };
        PutOptions options = new PutOptions(Map.of("a", "request", "b", "request"), false, null,
                () -> bodyRead.get() ? Map.of("b", "trailer", "x-amz-checksum-crc32", "AAAAAA==") : Map.of());
        service.putObject(BUCKET, "k", body, -1, options);
        assertThat(service.headObject(BUCKET, "k", null).metadata()).containsOnly(Map.entry("a", "request"),
                Map.entry("b", "trailer"), Map.entry("x-amz-checksum-crc32", "AAAAAA=="));
    }

    @Test
    void updatingMetadataKeepsTheDataAndTheVersion() {
        enableVersioning();
        ObjectInfo v1 = put("k", "one", Map.of("content-type", "a/b"));
        ObjectInfo v2 = put("k", "two", Map.of("content-type", "a/b"));
        ObjectInfo updated = service.updateMetadata(BUCKET, "k", v1.versionId(), Map.of("tag", "x"));
        assertThat(updated.versionId()).isEqualTo(v1.versionId());
        assertThat(updated.etag()).isEqualTo(v1.etag());
        assertThat(updated.metadata()).containsOnly(Map.entry("tag", "x"));
        assertThat(service.headObject(BUCKET, "k", v1.versionId()).metadata()).containsOnly(Map.entry("tag", "x"));
        assertThat(service.headObject(BUCKET, "k", null).metadata()).containsOnly(Map.entry("content-type", "a/b"));
        assertThat(read("k", v1.versionId(), null)).isEqualTo(bytes("one"));
        service.updateMetadata(BUCKET, "k", null, Map.of("tag", "current"));
        assertThat(service.headObject(BUCKET, "k", null).versionId()).isEqualTo(v2.versionId());
        assertThat(service.headObject(BUCKET, "k", null).metadata()).containsOnly(Map.entry("tag", "current"));
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions()).hasSize(2);
    }

    @Test
    void deletingInAnUnversionedBucketRemovesTheObjectAndAnAbsentKeyIsNoError() {
        put("k", "v");
        DeleteResult deleted = service.deleteObject(BUCKET, "k", null);
        assertThat(deleted.deleteMarker()).isFalse();
        // AWS sends no x-amz-version-id for a delete in a bucket that never had versioning
        assertThat(deleted.versionId()).isNull();
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", null)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions()).isEmpty();
        DeleteResult again = service.deleteObject(BUCKET, "k", null);
        assertThat(again.deleteMarker()).isFalse();
        assertThat(again.versionId()).isNull();
        service.deleteBucket(BUCKET);
    }

    // ---- versions ----

    @Test
    void anEnabledBucketKeepsEveryVersionNewestFirst() {
        ObjectInfo before = put("k", "before");
        enableVersioning();
        ObjectInfo v1 = put("k", "one");
        ObjectInfo v2 = put("k", "two");
        assertThat(List.of(v1.versionId(), v2.versionId())).doesNotHaveDuplicates().doesNotContain("null");
        assertThat(read("k", null, null)).isEqualTo(bytes("two"));
        assertThat(read("k", v1.versionId(), null)).isEqualTo(bytes("one"));
        assertThat(read("k", "null", null)).isEqualTo(bytes("before"));
        assertThat(service.headObject(BUCKET, "k", v1.versionId()).etag()).isEqualTo(md5Hex(bytes("one")));
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId(), ListVersionsResult.Entry::latest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(v2.versionId(), true),
                        org.assertj.core.groups.Tuple.tuple(v1.versionId(), false),
                        org.assertj.core.groups.Tuple.tuple(before.versionId(), false));
        assertThat(service.listObjects(BUCKET, new ListRequest("", null, "", 10)).objects())
                .extracting(ObjectInfo::versionId).containsExactly(v2.versionId());
    }

    @Test
    void aDeleteInAnEnabledBucketWritesAMarkerThatHidesTheKeyUntilItIsRemoved() {
        enableVersioning();
        ObjectInfo v1 = put("k", "one");
        DeleteResult marker = service.deleteObject(BUCKET, "k", null);
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isNotEqualTo("null").isNotEqualTo(v1.versionId());

        assertThatThrownBy(() -> service.headObject(BUCKET, "k", null)).isInstanceOfSatisfying(
                ObjectNotFoundException.class, e -> {
                    assertThat(e.deleteMarker()).isTrue();
                    assertThat(e.versionId()).isEqualTo(marker.versionId());
                });
        assertThatThrownBy(() -> service.getObject(BUCKET, "k", null, null))
                .isInstanceOf(ObjectNotFoundException.class);
        // AWS: a GET or HEAD of a delete marker's version is 405 MethodNotAllowed
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", marker.versionId()))
                .isInstanceOfSatisfying(DeleteMarkerException.class,
                        e -> assertThat(e.versionId()).isEqualTo(marker.versionId()));
        assertThat(read("k", v1.versionId(), null)).isEqualTo(bytes("one"));
        assertThat(service.listObjects(BUCKET, new ListRequest("", null, "", 10)).objects()).isEmpty();
        ListVersionsResult all = service.listObjectVersions(BUCKET, "", null, null, null, 10);
        assertThat(all.versions()).extracting(e -> e.info().versionId(), e -> e.info().deleteMarker(),
                ListVersionsResult.Entry::latest).containsExactly(
                org.assertj.core.groups.Tuple.tuple(marker.versionId(), true, true),
                org.assertj.core.groups.Tuple.tuple(v1.versionId(), false, false));

        DeleteResult removed = service.deleteObject(BUCKET, "k", marker.versionId());
        assertThat(removed).isEqualTo(new DeleteResult(marker.versionId(), true));
        assertThat(read("k", null, null)).isEqualTo(bytes("one"));
        DeleteResult gone = service.deleteObject(BUCKET, "k", v1.versionId());
        assertThat(gone).isEqualTo(new DeleteResult(v1.versionId(), false));
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", v1.versionId()))
                .isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", null)).isInstanceOfSatisfying(
                ObjectNotFoundException.class, e -> assertThat(e.deleteMarker()).isFalse());
        // a version that does not exist is no error either
        assertThat(service.deleteObject(BUCKET, "k", v1.versionId()).deleteMarker()).isFalse();
    }

    @Test
    void aSuspendedBucketWritesAndDeletesTheNullVersionAndKeepsTheOthers() {
        put("k", "null-1");
        enableVersioning();
        ObjectInfo v = put("k", "versioned");
        service.putBucketConfig(BUCKET, "versioning", "Suspended");
        ObjectInfo n2 = put("k", "null-2");
        assertThat(n2.versionId()).isEqualTo("null");
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId()).containsExactly("null", v.versionId());
        assertThat(read("k", "null", null)).isEqualTo(bytes("null-2"));
        DeleteResult d = service.deleteObject(BUCKET, "k", null);
        assertThat(d).isEqualTo(new DeleteResult("null", true));
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId() + (e.info().deleteMarker() ? "*" : ""))
                .containsExactly("null*", v.versionId());
    }

    // ---- conditional writes ----

    @Test
    void aDeleteThatExpectsAModificationTimeActsOnlyOnThatVersion() {
        ObjectInfo first = put("k", "one");
        ObjectInfo second = put("k", "two");
        DeleteOptions stale = new DeleteOptions(false, first.lastModified());
        if (!first.lastModified().equals(second.lastModified())) {
            assertThatThrownBy(() -> service.deleteObject(BUCKET, "k", null, stale))
                    .isInstanceOf(PreconditionFailedException.class);
            assertThat(read("k", null, null)).isEqualTo(bytes("two"));
        }
        service.deleteObject(BUCKET, "k", null, new DeleteOptions(false, second.lastModified()));
        assertThatThrownBy(() -> service.headObject(BUCKET, "k", null)).isInstanceOf(ObjectNotFoundException.class);

        enableVersioning();
        ObjectInfo v1 = put("v", "one");
        assertThatThrownBy(() -> service.deleteObject(BUCKET, "v", null,
                new DeleteOptions(false, v1.lastModified().minusSeconds(1))))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(service.deleteObject(BUCKET, "v", null, new DeleteOptions(false, v1.lastModified()))
                .deleteMarker()).isTrue();
        // the current version is now a marker: an expiry decided on v1 does not write a second one
        assertThatThrownBy(() -> service.deleteObject(BUCKET, "v", null, new DeleteOptions(false, v1.lastModified())))
                .isInstanceOf(PreconditionFailedException.class);
        service.deleteObject(BUCKET, "v", v1.versionId(), new DeleteOptions(false, v1.lastModified()));
        assertThat(service.listObjectVersions(BUCKET, "v", null, null, null, 10).versions()).hasSize(1);
    }

    // ---- object lock ----

    @Test
    void aVersionUnderLegalHoldOrRetentionIsNotRemovedAndItsRetentionNotWeakened() {
        enableVersioning();
        String future = java.time.Instant.now().plusSeconds(3600).toString();
        String later = java.time.Instant.now().plusSeconds(7200).toString();
        String past = java.time.Instant.now().minusSeconds(60).toString();
        ObjectInfo held = put("held", "h", Map.of(ObjectLock.LEGAL_HOLD, "ON"));
        ObjectInfo governed = put("gov", "g", Map.of(ObjectLock.MODE, ObjectLock.GOVERNANCE,
                ObjectLock.RETAIN_UNTIL, future));
        ObjectInfo compliant = put("comp", "c", Map.of(ObjectLock.MODE, ObjectLock.COMPLIANCE,
                ObjectLock.RETAIN_UNTIL, future));
        ObjectInfo expired = put("old", "o", Map.of(ObjectLock.MODE, ObjectLock.COMPLIANCE,
                ObjectLock.RETAIN_UNTIL, past));

        assertThatThrownBy(() -> service.deleteObject(BUCKET, "held", held.versionId(), true))
                .isInstanceOf(ObjectLockedException.class);
        assertThatThrownBy(() -> service.deleteObject(BUCKET, "gov", governed.versionId()))
                .isInstanceOf(ObjectLockedException.class);
        assertThatThrownBy(() -> service.deleteObject(BUCKET, "comp", compliant.versionId(), true))
                .isInstanceOf(ObjectLockedException.class);
        // a delete marker hides a locked version without removing it
        assertThat(service.deleteObject(BUCKET, "comp", null).deleteMarker()).isTrue();
        assertThat(read("comp", compliant.versionId(), null)).isEqualTo(bytes("c"));

        // retention may be extended; COMPLIANCE never shortened, removed or turned into GOVERNANCE
        Map<String, String> shorter = Map.of(ObjectLock.MODE, ObjectLock.COMPLIANCE, ObjectLock.RETAIN_UNTIL,
                java.time.Instant.now().plusSeconds(60).toString());
        assertThatThrownBy(() -> service.updateMetadata(BUCKET, "comp", compliant.versionId(), shorter, true))
                .isInstanceOf(ObjectLockedException.class);
        assertThatThrownBy(() -> service.updateMetadata(BUCKET, "comp", compliant.versionId(), Map.of(), true))
                .isInstanceOf(ObjectLockedException.class);
        service.updateMetadata(BUCKET, "comp", compliant.versionId(), Map.of(ObjectLock.MODE, ObjectLock.COMPLIANCE,
                ObjectLock.RETAIN_UNTIL, later));
        assertThat(service.headObject(BUCKET, "comp", compliant.versionId()).metadata())
                .containsEntry(ObjectLock.RETAIN_UNTIL, later);
        // GOVERNANCE gives way to the bypass only
        assertThatThrownBy(() -> service.updateMetadata(BUCKET, "gov", governed.versionId(), Map.of()))
                .isInstanceOf(ObjectLockedException.class);
        service.updateMetadata(BUCKET, "gov", governed.versionId(), Map.of(), true);
        service.deleteObject(BUCKET, "gov", governed.versionId());
        assertThatThrownBy(() -> service.headObject(BUCKET, "gov", governed.versionId()))
                .isInstanceOf(ObjectLayerException.class);

        // a legal hold turned off and an expired retention no longer hold anything
        service.updateMetadata(BUCKET, "held", held.versionId(), Map.of(ObjectLock.LEGAL_HOLD, "OFF"));
        service.deleteObject(BUCKET, "held", held.versionId());
        service.deleteObject(BUCKET, "old", expired.versionId());
        assertThat(service.listObjectVersions(BUCKET, "", null, null, null, 10).versions())
                .extracting(e -> e.info().key()).containsOnly("comp");
    }

    @Test
    void ifNoneMatchCreatesOnlyWhereNoCurrentObjectIs() {
        PutOptions create = new PutOptions(Map.of(), true, null);
        service.putObject(BUCKET, "c", body("first"), 5, create);
        assertThatThrownBy(() -> service.putObject(BUCKET, "c", body("second"), 6, create))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(read("c", null, null)).isEqualTo(bytes("first"));
        enableVersioning();
        service.deleteObject(BUCKET, "c", null);
        // behind a delete marker the key does not exist
        service.putObject(BUCKET, "c", body("third"), 5, create);
        assertThat(read("c", null, null)).isEqualTo(bytes("third"));
    }

    @Test
    void ifMatchWritesOnlyOverTheNamedEtag() {
        ObjectInfo first = put("m", "first");
        assertThatThrownBy(() -> service.putObject(BUCKET, "m", body("x"), 1,
                new PutOptions(Map.of(), false, md5Hex(bytes("other"))))).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> service.putObject(BUCKET, "absent", body("x"), 1,
                new PutOptions(Map.of(), false, first.etag()))).isInstanceOf(PreconditionFailedException.class);
        assertThat(read("m", null, null)).isEqualTo(bytes("first"));
        assertThatThrownBy(() -> service.headObject(BUCKET, "absent", null))
                .isInstanceOf(ObjectNotFoundException.class);
        service.putObject(BUCKET, "m", body("second"), 6, new PutOptions(Map.of(), false, first.etag()));
        assertThat(read("m", null, null)).isEqualTo(bytes("second"));
    }

    // ---- listings ----

    @Test
    void keysAreListedInUtf8OrderAndPagedAfterTheLastOne() {
        List<String> keys = List.of("b", "a/c/d", "a", "a/", "d\uD83D\uDE00", "a-c", "b/x", "c\u00e9", "a/b",
                "d\uFFFD");
        for (String k : keys) {
            put(k, "1");
        }
        List<String> all = new ArrayList<>();
        String after = "";
        int pages = 0;
        while (true) {
            ListResult r = service.listObjects(BUCKET, new ListRequest("", null, after, 3));
            r.objects().forEach(o -> all.add(o.key()));
            pages++;
            if (!r.truncated()) {
                assertThat(r.nextMarker()).isNull();
                break;
            }
            assertThat(r.nextMarker()).isEqualTo(all.get(all.size() - 1));
            after = r.nextMarker();
        }
        // S3 order is UTF-8 byte order: U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80).
        assertThat(all).containsExactly("a", "a-c", "a/", "a/b", "a/c/d", "b", "b/x", "c\u00e9", "d\uFFFD",
                "d\uD83D\uDE00");
        assertThat(pages).isEqualTo(4);
        assertThat(service.listObjects(BUCKET, new ListRequest("a/", null, "", 10)).objects())
                .extracting(ObjectInfo::key).containsExactly("a/", "a/b", "a/c/d");
        assertThat(service.listObjects(BUCKET, new ListRequest("", null, "b", 10)).objects())
                .extracting(ObjectInfo::key).startsWith("b/x").hasSize(4);
        ListResult first = service.listObjects(BUCKET, new ListRequest("a", null, "", 1));
        assertThat(first.objects()).extracting(ObjectInfo::key).containsExactly("a");
        assertThat(first.objects().get(0).etag()).isEqualTo(md5Hex(bytes("1")));
        assertThat(first.objects().get(0).size()).isEqualTo(1);
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixesThatCountAsEntries() {
        for (String k : List.of("a", "a/", "a/b", "a/c/d", "a-c", "b", "b/x", "c")) {
            put(k, "1");
        }
        ListResult top = service.listObjects(BUCKET, new ListRequest("", "/", "", 1000));
        assertThat(top.objects()).extracting(ObjectInfo::key).containsExactly("a", "a-c", "b", "c");
        assertThat(top.commonPrefixes()).containsExactly("a/", "b/");
        assertThat(top.truncated()).isFalse();

        ListResult inA = service.listObjects(BUCKET, new ListRequest("a/", "/", "", 1000));
        assertThat(inA.objects()).extracting(ObjectInfo::key).containsExactly("a/", "a/b");
        assertThat(inA.commonPrefixes()).containsExactly("a/c/");

        ListResult page1 = service.listObjects(BUCKET, new ListRequest("", "/", "", 2));
        assertThat(page1.objects()).extracting(ObjectInfo::key).containsExactly("a", "a-c");
        assertThat(page1.commonPrefixes()).isEmpty();
        assertThat(page1.truncated()).isTrue();
        ListResult page2 = service.listObjects(BUCKET, new ListRequest("", "/", page1.nextMarker(), 2));
        assertThat(page2.commonPrefixes()).containsExactly("a/");
        assertThat(page2.objects()).extracting(ObjectInfo::key).containsExactly("b");
        assertThat(page2.nextMarker()).isEqualTo("b");
        ListResult page3 = service.listObjects(BUCKET, new ListRequest("", "/", page2.nextMarker(), 2));
        assertThat(page3.commonPrefixes()).containsExactly("b/");
        assertThat(page3.objects()).extracting(ObjectInfo::key).containsExactly("c");
        assertThat(page3.truncated()).isFalse();
        // resuming after a common prefix does not list it again
        ListResult afterPrefix = service.listObjects(BUCKET, new ListRequest("", "/", "a/", 10));
        assertThat(afterPrefix.commonPrefixes()).containsExactly("b/");
        assertThat(afterPrefix.objects()).extracting(ObjectInfo::key).containsExactly("b", "c");
        // a multi-character delimiter
        ListResult dashed = service.listObjects(BUCKET, new ListRequest("", "-c", "", 10));
        assertThat(dashed.commonPrefixes()).containsExactly("a-c");
    }

    @Test
    void maxKeysZeroListsNothingAndIsNotTruncated() {
        put("k", "v");
        ListResult r = service.listObjects(BUCKET, new ListRequest("", null, "", 0));
        assertThat(r.objects()).isEmpty();
        assertThat(r.commonPrefixes()).isEmpty();
        assertThat(r.truncated()).isFalse();
        ListVersionsResult v = service.listObjectVersions(BUCKET, "", null, null, null, 0);
        assertThat(v.versions()).isEmpty();
        assertThat(v.truncated()).isFalse();
    }

    @Test
    void versionsArePagedByKeyAndVersionMarkersAndGroupedByDelimiter() {
        enableVersioning();
        for (String k : List.of("a", "b/1", "b/2", "c")) {
            put(k, k + "1");
            put(k, k + "2");
        }
        service.deleteObject(BUCKET, "c", null);
        StringBuilder seen = new StringBuilder();
        String km = null;
        String vm = null;
        int pages = 0;
        while (true) {
            ListVersionsResult r = service.listObjectVersions(BUCKET, "", null, km, vm, 3);
            r.versions().forEach(e -> seen.append(e.info().key()).append(e.info().deleteMarker() ? "*" : "")
                    .append(e.latest() ? "+" : "-").append(' '));
            pages++;
            if (!r.truncated()) {
                break;
            }
            ListVersionsResult.Entry last = r.versions().get(r.versions().size() - 1);
            assertThat(r.nextKeyMarker()).isEqualTo(last.info().key());
            assertThat(r.nextVersionIdMarker()).isEqualTo(last.info().versionId());
            km = r.nextKeyMarker();
            vm = r.nextVersionIdMarker();
        }
        assertThat(seen.toString().trim()).isEqualTo("a+ a- b/1+ b/1- b/2+ b/2- c*+ c- c-");
        assertThat(pages).isEqualTo(3);
        assertThat(service.listObjectVersions(BUCKET, "", null, "b/1", null, 100).versions())
                .extracting(e -> e.info().key()).containsExactly("b/2", "b/2", "c", "c", "c");
        ListVersionsResult grouped = service.listObjectVersions(BUCKET, "", "/", null, null, 100);
        assertThat(grouped.commonPrefixes()).containsExactly("b/");
        assertThat(grouped.versions()).extracting(e -> e.info().key()).containsExactly("a", "a", "c", "c", "c");
        ListVersionsResult inB = service.listObjectVersions(BUCKET, "b/", "/", null, null, 100);
        assertThat(inB.versions()).extracting(e -> e.info().key()).containsExactly("b/1", "b/1", "b/2", "b/2");
        assertThat(inB.commonPrefixes()).isEmpty();
    }

    // ---- multipart uploads ----

    @Test
    void aCompletedUploadIsOneObjectWithTheMultipartEtag() {
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of("content-type", "a/b"));
        assertThat(service.uploadMetadata(BUCKET, "mp", id)).containsOnly(Map.entry("content-type", "a/b"));
        byte[] p1 = random(MIN_PART_SIZE + 100, 1);
        byte[] p2 = random(MIN_PART_SIZE, 2);
        byte[] p3 = random(17, 3);
        PartInfo i1 = uploadPart("mp", id, 1, p1, Map.of("x-amz-checksum-crc32", "p1"));
        PartInfo i2 = uploadPart("mp", id, 2, p2, Map.of());
        uploadPart("mp", id, 3, new byte[5], Map.of());
        // uploading a part number again replaces the part
        PartInfo i3 = uploadPart("mp", id, 3, p3, Map.of());
        assertThat(i1.etag()).isEqualTo(md5Hex(p1));
        assertThat(i1.size()).isEqualTo(p1.length);
        assertThat(i1.metadata()).containsOnly(Map.entry("x-amz-checksum-crc32", "p1"));

        ListPartsResult parts = service.listParts(BUCKET, "mp", id, 0, 1000);
        assertThat(parts.parts()).extracting(PartInfo::partNumber, PartInfo::etag, PartInfo::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, md5Hex(p1), (long) p1.length),
                org.assertj.core.groups.Tuple.tuple(2, md5Hex(p2), (long) p2.length),
                org.assertj.core.groups.Tuple.tuple(3, md5Hex(p3), 17L));
        assertThat(parts.truncated()).isFalse();
        assertThat(parts.parts().get(0).lastModified()).isNotNull();

        ObjectInfo done = service.completeMultipartUpload(BUCKET, "mp", id, List.of(
                new CompletedPart(1, "\"" + i1.etag() + "\""), new CompletedPart(2, i2.etag()),
                new CompletedPart(3, i3.etag())), PutOptions.of(Map.of("x-amz-checksum-type", "COMPOSITE")));
        assertThat(done.etag()).isEqualTo(multipartEtag(p1, p2, p3));
        assertThat(done.size()).isEqualTo(p1.length + p2.length + p3.length);
        assertThat(done.partSizes()).containsExactly((long) p1.length, (long) p2.length, 17L);
        assertThat(done.versionId()).isEqualTo("null");
        assertThat(service.headObject(BUCKET, "mp", null)).isEqualTo(done);
        assertThat(done.metadata()).containsOnly(Map.entry("content-type", "a/b"),
                Map.entry("x-amz-checksum-type", "COMPOSITE"));
        byte[] whole = concat(p1, p2, p3);
        assertThat(read("mp", null, null)).isEqualTo(whole);
        assertThat(read("mp", null, ByteRange.of(p1.length - 3, p1.length + p2.length + 2)))
                .isEqualTo(Arrays.copyOfRange(whole, p1.length - 3, p1.length + p2.length + 3));

        assertThatThrownBy(() -> service.listParts(BUCKET, "mp", id, 0, 10))
                .isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> service.uploadMetadata(BUCKET, "mp", id))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(service.listMultipartUploads(BUCKET, "", null, null, null, 10).uploads()).isEmpty();
    }

    @Test
    void partsArePagedByPartNumber() {
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of());
        for (int n : new int[] {5, 1, 3}) {
            uploadPart("mp", id, n, new byte[n], Map.of());
        }
        ListPartsResult page = service.listParts(BUCKET, "mp", id, 0, 2);
        assertThat(page.parts()).extracting(PartInfo::partNumber).containsExactly(1, 3);
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextPartNumberMarker()).isEqualTo(3);
        ListPartsResult rest = service.listParts(BUCKET, "mp", id, 3, 2);
        assertThat(rest.parts()).extracting(PartInfo::partNumber).containsExactly(5);
        assertThat(rest.truncated()).isFalse();
    }

    @Test
    void completionChecksThePartsOrderEtagsAndSizes() {
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of());
        PartInfo small = uploadPart("mp", id, 1, new byte[10], Map.of());
        PartInfo big = uploadPart("mp", id, 2, new byte[MIN_PART_SIZE], Map.of());
        PartInfo last = uploadPart("mp", id, 3, new byte[3], Map.of());
        assertThatThrownBy(() -> complete("mp", id, new CompletedPart(2, big.etag()), new CompletedPart(1, small.etag())))
                .isInstanceOf(InvalidPartOrderException.class);
        assertThatThrownBy(() -> complete("mp", id, new CompletedPart(2, big.etag()), new CompletedPart(2, big.etag())))
                .isInstanceOf(InvalidPartOrderException.class);
        assertThatThrownBy(() -> complete("mp", id, new CompletedPart(2, md5Hex(new byte[1]))))
                .isInstanceOf(InvalidPartException.class);
        assertThatThrownBy(() -> complete("mp", id, new CompletedPart(2, big.etag()), new CompletedPart(4, big.etag())))
                .isInstanceOf(InvalidPartException.class);
        assertThatThrownBy(() -> complete("mp", id, new CompletedPart(1, small.etag()), new CompletedPart(3, last.etag())))
                .isInstanceOf(EntityTooSmallException.class);
        assertThatThrownBy(() -> complete("mp", id)).isInstanceOf(InvalidArgumentException.class);
        // none of these consumed the upload; a valid subset of its parts completes it
        ObjectInfo done = complete("mp", id, new CompletedPart(2, big.etag()), new CompletedPart(3, last.etag()));
        assertThat(done.size()).isEqualTo(MIN_PART_SIZE + 3);
        assertThat(read("mp", null, null)).isEqualTo(new byte[MIN_PART_SIZE + 3]);
    }

    @Test
    void partsAreRefusedForBadNumbersAndUnknownUploads() {
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of());
        for (int bad : new int[] {0, 10_001}) {
            assertThatThrownBy(() -> uploadPart("mp", id, bad, new byte[1], Map.of()))
                    .isInstanceOf(InvalidArgumentException.class);
        }
        uploadPart("mp", id, 10_000, new byte[1], Map.of());
        assertThatThrownBy(() -> uploadPart("other-key", id, 1, new byte[1], Map.of()))
                .isInstanceOf(UploadNotFoundException.class);
        for (String unknown : List.of("ffffffffffffffffffffffff", "u1", "../x")) {
            assertThatThrownBy(() -> uploadPart("mp", unknown, 1, new byte[1], Map.of())).as(unknown)
                    .isInstanceOf(UploadNotFoundException.class);
            assertThatThrownBy(() -> service.listParts(BUCKET, "mp", unknown, 0, 10)).as(unknown)
                    .isInstanceOf(UploadNotFoundException.class);
            assertThatThrownBy(() -> complete("mp", unknown, new CompletedPart(1, "x"))).as(unknown)
                    .isInstanceOf(UploadNotFoundException.class);
            assertThatThrownBy(() -> service.abortMultipartUpload(BUCKET, "mp", unknown)).as(unknown)
                    .isInstanceOf(UploadNotFoundException.class);
        }
    }

    @Test
    void anAbortedUploadIsGoneAndLeavesNoObject() {
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of());
        uploadPart("mp", id, 1, new byte[10], Map.of());
        service.abortMultipartUpload(BUCKET, "mp", id);
        assertThatThrownBy(() -> service.abortMultipartUpload(BUCKET, "mp", id))
                .isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> uploadPart("mp", id, 2, new byte[1], Map.of()))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(service.listMultipartUploads(BUCKET, "", null, null, null, 10).uploads()).isEmpty();
        assertThatThrownBy(() -> service.headObject(BUCKET, "mp", null)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void uploadsAreListedByKeyThenStartAndPagedWithMarkers() {
        String a1 = service.createMultipartUpload(BUCKET, "a", Map.of());
        String dir1 = service.createMultipartUpload(BUCKET, "dir/1", Map.of());
        String b1 = service.createMultipartUpload(BUCKET, "b", Map.of());
        String dir2 = service.createMultipartUpload(BUCKET, "dir/2", Map.of());
        ListUploadsResult all = service.listMultipartUploads(BUCKET, "", null, null, null, 100);
        assertThat(all.uploads()).extracting(ListUploadsResult.Upload::key, ListUploadsResult.Upload::uploadId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", a1),
                        org.assertj.core.groups.Tuple.tuple("b", b1),
                        org.assertj.core.groups.Tuple.tuple("dir/1", dir1),
                        org.assertj.core.groups.Tuple.tuple("dir/2", dir2));
        assertThat(all.uploads().get(0).initiated()).isNotNull();
        assertThat(all.truncated()).isFalse();

        ListUploadsResult page = service.listMultipartUploads(BUCKET, "", null, null, null, 2);
        assertThat(page.uploads()).extracting(ListUploadsResult.Upload::key).containsExactly("a", "b");
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextKeyMarker()).isEqualTo("b");
        assertThat(page.nextUploadIdMarker()).isEqualTo(b1);
        ListUploadsResult rest = service.listMultipartUploads(BUCKET, "", null, page.nextKeyMarker(),
                page.nextUploadIdMarker(), 2);
        assertThat(rest.uploads()).extracting(ListUploadsResult.Upload::key).containsExactly("dir/1", "dir/2");
        assertThat(rest.truncated()).isFalse();

        ListUploadsResult grouped = service.listMultipartUploads(BUCKET, "", "/", null, null, 100);
        assertThat(grouped.uploads()).extracting(ListUploadsResult.Upload::key).containsExactly("a", "b");
        assertThat(grouped.commonPrefixes()).containsExactly("dir/");
        assertThat(service.listMultipartUploads(BUCKET, "dir/", null, null, null, 100).uploads())
                .extracting(ListUploadsResult.Upload::uploadId).containsExactly(dir1, dir2);
        assertThat(service.listMultipartUploads(BUCKET, "", null, "a", null, 100).uploads())
                .extracting(ListUploadsResult.Upload::key).containsExactly("b", "dir/1", "dir/2");
    }

    @Test
    void aCompletionIsAConditionalWriteAndANewVersion() {
        enableVersioning();
        ObjectInfo plain = put("mp", "plain");
        String id = service.createMultipartUpload(BUCKET, "mp", Map.of());
        PartInfo p = uploadPart("mp", id, 1, bytes("part"), Map.of());
        assertThatThrownBy(() -> service.completeMultipartUpload(BUCKET, "mp", id,
                List.of(new CompletedPart(1, p.etag())), new PutOptions(Map.of(), true, null)))
                .isInstanceOf(PreconditionFailedException.class);
        ObjectInfo done = service.completeMultipartUpload(BUCKET, "mp", id, List.of(new CompletedPart(1, p.etag())),
                new PutOptions(Map.of(), false, plain.etag()));
        assertThat(done.versionId()).isNotEqualTo(plain.versionId()).isNotEqualTo("null");
        assertThat(done.etag()).isEqualTo(multipartEtag(bytes("part")));
        assertThat(read("mp", plain.versionId(), null)).isEqualTo(bytes("plain"));
        assertThat(read("mp", null, null)).isEqualTo(bytes("part"));
    }

    // ---- helpers ----

    protected void enableVersioning() {
        service.putBucketConfig(BUCKET, "versioning", "Enabled");
    }

    protected ObjectInfo put(String key, String data) {
        return put(key, bytes(data));
    }

    protected ObjectInfo put(String key, String data, Map<String, String> metadata) {
        byte[] b = bytes(data);
        return service.putObject(BUCKET, key, new ByteArrayInputStream(b), b.length, PutOptions.of(metadata));
    }

    protected ObjectInfo put(String key, byte[] data) {
        return service.putObject(BUCKET, key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
    }

    private PartInfo uploadPart(String key, String uploadId, int number, byte[] data, Map<String, String> metadata) {
        return service.uploadPart(BUCKET, key, uploadId, number, new ByteArrayInputStream(data), data.length, metadata);
    }

    private ObjectInfo complete(String key, String uploadId, CompletedPart... parts) {
        return service.completeMultipartUpload(BUCKET, key, uploadId, List.of(parts), PutOptions.of(Map.of()));
    }

    /** The object's bytes (or the range's), read chunk by chunk as the gateway streams them. */
    protected byte[] read(String key, String versionId, ByteRange range) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectContent c = service.getObject(BUCKET, key, versionId, range)) {
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
            assertThat(out.size()).as("bytes against the content's length").isEqualTo(c.length());
        }
        return out.toByteArray();
    }

    protected static InputStream body(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    protected static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5().digest(data));
    }

    /** S3's ETag of a multipart object: the MD5 of the parts' binary MD5s, a dash, the part count. */
    private static String multipartEtag(byte[]... parts) {
        MessageDigest all = md5();
        for (byte[] p : parts) {
            all.update(md5().digest(p));
        }
        return HexFormat.of().formatHex(all.digest()) + "-" + parts.length;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A body whose connection drops after {@code bytes} bytes. */
    private static InputStream failingAfter(int bytes) {
        return new InputStream() {
            private int left = bytes;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 42;
            }
        };
    }
}
