package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErasureObjectServiceTest {

    /** 2+2 with a 64 KiB stripe: cells of 32 KiB, so small objects span several stripes. */
    private static final int STRIPE = 64 * 1024;
    private static final int CELL = STRIPE / 2;

    @TempDir
    Path dir;
    ObjectLayerFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ObjectLayerFixture(dir, 2, 2, STRIPE);
        fx.service.createBucket("b");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static int[] sizes() {
        return new int[] {0, 1, CELL - 1, CELL, CELL + 1, STRIPE - 1, STRIPE, STRIPE + 1, 3 * STRIPE + 7};
    }

    @Test
    void roundTripsEverySize() {
        for (int size : sizes()) {
            byte[] data = ObjectLayerFixture.random(size, size);
            ObjectInfo put = fx.put("b", "k" + size, data);
            assertThat(put.size()).isEqualTo(size);
            assertThat(put.etag()).isEqualTo(md5Hex(data));
            assertThat(fx.get("b", "k" + size, null)).as("size %d", size).isEqualTo(data);
            assertThat(fx.service.headObject("b", "k" + size, null).size()).isEqualTo(size);
        }
    }

    @Test
    void sixtyFourMibObjectWithOneMibStripesRoundTripsDegraded(@TempDir Path other) {
        try (ObjectLayerFixture big = new ObjectLayerFixture(other, 2, 2, 1 << 20)) {
            big.service.createBucket("b");
            byte[] data = ObjectLayerFixture.random(64 << 20, 64);
            big.put("b", "big", data);
            assertThat(ObjectLayerFixture.sha256(big.get("b", "big", null))).isEqualTo(ObjectLayerFixture.sha256(data));
            big.deleteDrive(0);
            big.flipBytes(1);
            assertThat(ObjectLayerFixture.sha256(big.get("b", "big", null))).isEqualTo(ObjectLayerFixture.sha256(data));
            int from = (17 << 20) + 12345;
            assertThat(big.get("b", "big", ByteRange.of(from, from + (3 << 20))))
                    .isEqualTo(java.util.Arrays.copyOfRange(data, from, from + (3 << 20) + 1));
        }
    }

    @Test
    void everyRangeOfSmallObjectsReadsExactBytes() {
        int size = 2 * STRIPE + 5;
        byte[] data = ObjectLayerFixture.random(size, 7);
        fx.put("b", "r", data);
        int step = 4099;
        for (int first = 0; first < size; first += step) {
            for (int last = first; last < size; last += step) {
                byte[] got = fx.get("b", "r", ByteRange.of(first, last));
                assertThat(got).as("%d-%d", first, last).isEqualTo(java.util.Arrays.copyOfRange(data, first, last + 1));
            }
        }
        // boundaries of cells and stripes, suffix and open ranges
        for (int b : new int[] {CELL - 1, CELL, STRIPE - 1, STRIPE, size - 1}) {
            assertThat(fx.get("b", "r", ByteRange.of(b, b))).containsExactly(data[b]);
            assertThat(fx.get("b", "r", ByteRange.of(b, -1))).isEqualTo(java.util.Arrays.copyOfRange(data, b, size));
        }
        assertThat(fx.get("b", "r", ByteRange.suffix(10))).isEqualTo(java.util.Arrays.copyOfRange(data, size - 10, size));
        assertThat(fx.get("b", "r", ByteRange.suffix(size * 2L))).isEqualTo(data);
        assertThatThrownBy(() -> fx.service.getObject("b", "r", null, ByteRange.of(size, size + 5)))
                .isInstanceOf(InvalidRangeException.class);
    }

    static List<Arguments> damage() {
        List<Arguments> out = new ArrayList<>();
        String[] kinds = {"delete", "wipe", "flip"};
        for (String kind : kinds) {
            for (int a = 0; a < 4; a++) {
                out.add(Arguments.of(kind, new int[] {a}));
                for (int b = a + 1; b < 4; b++) {
                    out.add(Arguments.of(kind, new int[] {a, b}));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} drives {1}")
    @MethodSource("damage")
    void anyMDamagedDrivesStillReadExactBytes(String kind, int[] drives) {
        List<byte[]> objects = new ArrayList<>();
        for (int size : sizes()) {
            byte[] data = ObjectLayerFixture.random(size, 31L * size);
            fx.put("b", "o" + size, data);
            objects.add(data);
        }
        for (int d : drives) {
            damage(kind, d);
        }
        int i = 0;
        for (int size : sizes()) {
            byte[] data = objects.get(i++);
            assertThat(fx.get("b", "o" + size, null)).as("size %d", size).isEqualTo(data);
            if (size > 10) {
                assertThat(fx.get("b", "o" + size, ByteRange.of(size / 3, size - 2)))
                        .isEqualTo(java.util.Arrays.copyOfRange(data, size / 3, size - 1));
            }
        }
    }

    @ParameterizedTest(name = "{0} three drives")
    @MethodSource("kinds")
    void moreThanMLostDrivesFailWithQuorumErrorNeverWrongBytes(String kind) {
        byte[] data = ObjectLayerFixture.random(3 * STRIPE, 3);
        fx.put("b", "x", data);
        for (int d = 0; d < 3; d++) {
            damage(kind, d);
        }
        // lost or emptied drives say "offline", not "absent"; corrupt shards fail their checksums
        assertThatThrownBy(() -> fx.get("b", "x", null)).isExactlyInstanceOf(QuorumException.class);
        assertThatThrownBy(() -> fx.get("b", "x", ByteRange.of(STRIPE, STRIPE + 99)))
                .isExactlyInstanceOf(QuorumException.class);
    }

    static List<String> kinds() {
        return List.of("delete", "wipe", "flip");
    }

    @Test
    void healOnReadRewritesCorruptAndMissingShards() {
        byte[] data = ObjectLayerFixture.random(5 * STRIPE + 3, 9);
        fx.put("b", "h", data);
        // damage both data shards (a read of healthy data shards never looks at parity)
        int[] order = placementOrder("b", "h");
        fx.flipBytes(order[0]);
        ObjectLayerFixture.deleteTree(fx.shardFiles(order[1]).get(0).getParent());
        assertThat(fx.get("b", "h", null)).isEqualTo(data);
        fx.service.awaitHeals();
        // Now the rebuilt data shards verify: the object reads even with both parity drives gone.
        fx.deleteDrive(order[2]);
        fx.deleteDrive(order[3]);
        assertThat(fx.get("b", "h", null)).isEqualTo(data);
        assertThat(fx.service.objectsHealed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void wipedDriveIsRefilledByHeal() {
        byte[] data = ObjectLayerFixture.random(STRIPE * 2, 11);
        fx.put("b", "w", data);
        fx.wipeDrive(3);
        fx.reopen();
        fx.service.createBucket("other");
        assertThat(fx.service.healObject("b", "w")).isEqualTo(1);
        assertThat(fx.shardFiles(3)).hasSize(1);
        fx.deleteDrive(0);
        fx.deleteDrive(1);
        assertThat(fx.get("b", "w", null)).isEqualTo(data);
    }

    @Test
    void failedPutLeavesPreviousVersionIntactAndNoTrace() {
        byte[] v1 = ObjectLayerFixture.random(STRIPE + 1, 1);
        fx.put("b", "p", v1);
        List<List<java.nio.file.Path>> before = shardFilesPerDrive();
        InputStream failing = failingAfter(3 * STRIPE);
        assertThatThrownBy(() -> fx.service.putObject("b", "p", failing, 10L * STRIPE, PutOptions.of(Map.of())))
                .isInstanceOf(BodyReadException.class);
        assertThat(fx.get("b", "p", null)).isEqualTo(v1);
        assertThat(shardFilesPerDrive()).isEqualTo(before);
        // a body shorter than its declared size is refused the same way
        assertThatThrownBy(() -> fx.service.putObject("b", "p", new java.io.ByteArrayInputStream(new byte[10]), 11,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class);
        assertThat(fx.get("b", "p", null)).isEqualTo(v1);
        assertThat(shardFilesPerDrive()).isEqualTo(before);
    }

    @Test
    void putWithoutWriteQuorumFailsAndKeepsPreviousVersion() {
        byte[] v1 = ObjectLayerFixture.random(100, 1);
        fx.put("b", "q", v1);
        fx.deleteDrive(0);
        fx.deleteDrive(1);
        assertThatThrownBy(() -> fx.put("b", "q", ObjectLayerFixture.random(100, 2)))
                .isExactlyInstanceOf(QuorumException.class);
        assertThat(fx.get("b", "q", null)).isEqualTo(v1);
    }

    @Test
    void overwriteReplacesDataAndRemovesOldShards() {
        fx.put("b", "o", ObjectLayerFixture.random(STRIPE, 1));
        byte[] v2 = ObjectLayerFixture.random(10, 2);
        fx.put("b", "o", v2);
        assertThat(fx.get("b", "o", null)).isEqualTo(v2);
        for (int d = 0; d < 4; d++) {
            assertThat(fx.shardFiles(d)).hasSize(1);
        }
    }

    @Test
    void conditionalCreate() {
        fx.service.putObject("b", "c", new java.io.ByteArrayInputStream(new byte[1]), 1,
                new PutOptions(Map.of(), true, null));
        assertThatThrownBy(() -> fx.service.putObject("b", "c", new java.io.ByteArrayInputStream(new byte[2]), 2,
                new PutOptions(Map.of(), true, null))).isInstanceOf(PreconditionFailedException.class);
        assertThat(fx.service.headObject("b", "c", null).size()).isEqualTo(1);
    }

    @Test
    void deleteAndHeadAndMetadata() {
        fx.service.putObject("b", "m", new java.io.ByteArrayInputStream(new byte[3]), 3,
                PutOptions.of(Map.of("content-type", "text/plain")));
        assertThat(fx.service.headObject("b", "m", null).metadata()).containsEntry("content-type", "text/plain");
        fx.service.updateMetadata("b", "m", null, Map.of("tag", "x"));
        assertThat(fx.service.headObject("b", "m", null).metadata()).containsExactly(Map.entry("tag", "x"));
        fx.service.deleteObject("b", "m", null);
        assertThatThrownBy(() -> fx.service.headObject("b", "m", null)).isInstanceOf(ObjectNotFoundException.class);
        fx.service.deleteObject("b", "m", null);
        for (int d = 0; d < 4; d++) {
            assertThat(fx.shardFiles(d)).isEmpty();
        }
    }

    @Test
    void bucketsLifecycle() {
        assertThatThrownBy(() -> fx.service.createBucket("b")).isInstanceOf(BucketExistsException.class);
        assertThat(fx.service.listBuckets()).extracting(BucketInfo::name).containsExactly("b");
        fx.put("b", "x", new byte[1]);
        assertThatThrownBy(() -> fx.service.deleteBucket("b")).isInstanceOf(BucketNotEmptyException.class);
        fx.service.putBucketConfig("b", "tagging", "<Tagging/>");
        assertThat(fx.service.getBucketConfig("b", "tagging")).contains("<Tagging/>");
        fx.service.deleteObject("b", "x", null);
        fx.service.deleteBucket("b");
        assertThatThrownBy(() -> fx.service.headBucket("b")).isInstanceOf(BucketNotFoundException.class);
        assertThatThrownBy(() -> fx.put("b", "x", new byte[1])).isInstanceOf(BucketNotFoundException.class);
        fx.service.createBucket("b");
        assertThat(fx.service.getBucketConfig("b", "tagging")).isEmpty();
    }

    @Test
    void listingWithPrefixDelimiterMarkerAndMaxKeys() {
        List<String> keys = List.of("a", "a/", "a/b", "a/c/d", "a-c", "b", "b/x", "c\u00e9", "d\uD83D\uDE00", "d\uFFFD");
        for (String k : keys) {
            fx.put("b", k, new byte[] {1});
        }
        List<String> all = new ArrayList<>();
        String after = "";
        while (true) {
            ListResult r = fx.service.listObjects("b", new ListRequest("", null, after, 3));
            r.objects().forEach(o -> all.add(o.key()));
            if (!r.truncated()) {
                break;
            }
            after = r.nextMarker();
        }
        // S3 order is UTF-8 byte order: U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80).
        assertThat(all).containsExactly("a", "a-c", "a/", "a/b", "a/c/d", "b", "b/x", "c\u00e9", "d\uFFFD",
                "d\uD83D\uDE00");

        ListResult top = fx.service.listObjects("b", new ListRequest("", "/", "", 1000));
        assertThat(top.objects()).extracting(ObjectInfo::key).containsExactly("a", "a-c", "b", "c\u00e9", "d\uFFFD",
                "d\uD83D\uDE00");
        assertThat(top.commonPrefixes()).containsExactly("a/", "b/");

        ListResult inA = fx.service.listObjects("b", new ListRequest("a/", "/", "", 1000));
        assertThat(inA.objects()).extracting(ObjectInfo::key).containsExactly("a/", "a/b");
        assertThat(inA.commonPrefixes()).containsExactly("a/c/");

        ListResult page = fx.service.listObjects("b", new ListRequest("", "/", "", 2));
        assertThat(page.truncated()).isTrue();
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly("a", "a-c");
        ListResult page2 = fx.service.listObjects("b", new ListRequest("", "/", page.nextMarker(), 2));
        assertThat(page2.commonPrefixes()).containsExactly("a/");
        assertThat(page2.objects()).extracting(ObjectInfo::key).containsExactly("b");
        ListResult page3 = fx.service.listObjects("b", new ListRequest("", "/", page2.nextMarker(), 2));
        assertThat(page3.commonPrefixes()).containsExactly("b/");
        assertThat(fx.service.listObjects("b", new ListRequest("", null, "", 0)).objects()).isEmpty();
    }

    @Test
    void listingIgnoresAStaleManifestOnOneDrive() {
        fx.put("b", "gone", new byte[1]);
        fx.put("b", "kept", new byte[1]);
        java.nio.file.Path backup = dir.resolve("backup");
        ObjectLayerFixture.copyTree(fx.driveDirs.get(0), backup);
        fx.service.deleteObject("b", "gone", null);
        // drive 0 comes back with its old contents: only one of four drives still knows "gone"
        fx.deleteDrive(0);
        ObjectLayerFixture.copyTree(backup, fx.driveDirs.get(0));
        fx.reopen();
        assertThat(fx.shardFiles(0)).hasSize(2);
        ListResult r = fx.service.listObjects("b", new ListRequest("", null, "", 100));
        assertThat(r.objects()).extracting(ObjectInfo::key).containsExactly("kept");
    }

    @Test
    void multipartUploadCompletesWithS3Etag() throws Exception {
        String id = fx.service.createMultipartUpload("b", "mp", Map.of("content-type", "a/b"));
        byte[] p1 = ObjectLayerFixture.random(STRIPE + 100, 1);
        byte[] p2 = ObjectLayerFixture.random(2000, 2);
        byte[] p3 = ObjectLayerFixture.random(17, 3);
        PartInfo i1 = fx.service.uploadPart("b", "mp", id, 1, new java.io.ByteArrayInputStream(p1), p1.length, Map.of());
        PartInfo i2 = fx.service.uploadPart("b", "mp", id, 2, new java.io.ByteArrayInputStream(p2), p2.length, Map.of());
        // part 3 uploaded twice: the second replaces the first
        fx.service.uploadPart("b", "mp", id, 3, new java.io.ByteArrayInputStream(new byte[5]), 5, Map.of());
        PartInfo i3 = fx.service.uploadPart("b", "mp", id, 3, new java.io.ByteArrayInputStream(p3), p3.length, Map.of());
        assertThat(fx.service.listParts("b", "mp", id, 0, 1000).parts()).extracting(PartInfo::partNumber)
                .containsExactly(1, 2, 3);
        ListPartsResult page = fx.service.listParts("b", "mp", id, 0, 2);
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextPartNumberMarker()).isEqualTo(2);
        assertThat(fx.service.listMultipartUploads("b", "", null, null, null, 100).uploads())
                .extracting(ListUploadsResult.Upload::uploadId).containsExactly(id);

        assertThatThrownBy(() -> fx.service.completeMultipartUpload("b", "mp", id,
                List.of(new CompletedPart(2, i2.etag()), new CompletedPart(1, i1.etag())), PutOptions.of(Map.of())))
                .isInstanceOf(InvalidPartOrderException.class);
        assertThatThrownBy(() -> fx.service.completeMultipartUpload("b", "mp", id,
                List.of(new CompletedPart(1, "00"), new CompletedPart(3, i3.etag())), PutOptions.of(Map.of())))
                .isInstanceOf(InvalidPartException.class);
        assertThatThrownBy(() -> fx.service.completeMultipartUpload("b", "mp", id,
                List.of(new CompletedPart(3, i3.etag()), new CompletedPart(4, i3.etag())), PutOptions.of(Map.of())))
                .isInstanceOf(InvalidPartException.class);

        ObjectInfo done = fx.service.completeMultipartUpload("b", "mp", id, List.of(
                new CompletedPart(1, "\"" + i1.etag() + "\""), new CompletedPart(2, i2.etag()),
                new CompletedPart(3, i3.etag())), PutOptions.of(Map.of()));
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        for (byte[] p : List.of(p1, p2, p3)) {
            md5.update(java.security.MessageDigest.getInstance("MD5").digest(p));
        }
        assertThat(done.etag()).isEqualTo(java.util.HexFormat.of().formatHex(md5.digest()) + "-3");
        byte[] whole = concat(p1, p2, p3);
        assertThat(fx.get("b", "mp", null)).isEqualTo(whole);
        assertThat(fx.get("b", "mp", ByteRange.of(p1.length - 3, p1.length + 2010)))
                .isEqualTo(java.util.Arrays.copyOfRange(whole, p1.length - 3, p1.length + 2011));
        assertThat(fx.service.headObject("b", "mp", null).metadata()).containsEntry("content-type", "a/b");
        assertThat(fx.service.headObject("b", "mp", null).partSizes()).containsExactly((long) p1.length,
                (long) p2.length, (long) p3.length);
        assertThatThrownBy(() -> fx.service.listParts("b", "mp", id, 0, 10)).isInstanceOf(UploadNotFoundException.class);
        // degraded read of a multipart object
        fx.deleteDrive(1);
        fx.flipBytes(2);
        assertThat(fx.get("b", "mp", null)).isEqualTo(whole);
    }

    @Test
    void multipartRulesAndAbort() {
        String id = fx.service.createMultipartUpload("b", "m2", Map.of());
        PartInfo small = fx.service.uploadPart("b", "m2", id, 1, new java.io.ByteArrayInputStream(new byte[10]), 10,
                Map.of());
        PartInfo last = fx.service.uploadPart("b", "m2", id, 2, new java.io.ByteArrayInputStream(new byte[10]), 10,
                Map.of());
        assertThatThrownBy(() -> fx.service.completeMultipartUpload("b", "m2", id,
                List.of(new CompletedPart(1, small.etag()), new CompletedPart(2, last.etag())), PutOptions.of(Map.of())))
                .isInstanceOf(EntityTooSmallException.class);
        assertThatThrownBy(() -> fx.service.uploadPart("b", "m2", id, 10001, new java.io.ByteArrayInputStream(new byte[1]),
                1, Map.of())).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> fx.service.uploadPart("b", "other", id, 1, new java.io.ByteArrayInputStream(new byte[1]),
                1, Map.of())).isInstanceOf(UploadNotFoundException.class);
        fx.service.abortMultipartUpload("b", "m2", id);
        assertThatThrownBy(() -> fx.service.abortMultipartUpload("b", "m2", id)).isInstanceOf(UploadNotFoundException.class);
        for (int d = 0; d < 4; d++) {
            assertThat(fx.shardFiles(d)).isEmpty();
        }
        assertThatThrownBy(() -> fx.service.completeMultipartUpload("b", "m2", "ffffffffffffffffffff", List.of(
                new CompletedPart(1, "x")), PutOptions.of(Map.of()))).isInstanceOf(UploadNotFoundException.class);
    }

    /** Drive index of shard 0, 1, 2, 3 of a key (the single-node rotation). */
    static int[] placementOrder(String bucket, String key) {
        int shift = (int) Long.remainderUnsigned(RotatingPlacement.hash(bucket, key), 4);
        return new int[] {shift, (shift + 1) % 4, (shift + 2) % 4, (shift + 3) % 4};
    }

    private void damage(String kind, int drive) {
        IntConsumer op = switch (kind) {
            case "delete" -> fx::deleteDrive;
            case "wipe" -> fx::wipeDrive;
            default -> fx::flipBytes;
        };
        op.accept(drive);
    }

    private List<List<java.nio.file.Path>> shardFilesPerDrive() {
        List<List<java.nio.file.Path>> out = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            out.add(fx.shardFiles(d));
        }
        return out;
    }

    private static InputStream failingAfter(int bytes) {
        return new InputStream() {
            int left = bytes;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 42;
            }
        };
    }

    static String md5Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
