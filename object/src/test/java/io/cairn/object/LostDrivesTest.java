package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import io.cairn.storage.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives lost beyond what the scheme tolerates make every operation fail with {@link QuorumException}
 * (503 SlowDown at the gateway): never "no such bucket" or "no such key" for data that may well exist,
 * never wrong bytes. 2+2 reads need 2 drives and writes 3, so 3 lost drives stop reads and 2 stop writes.
 * Each case runs on the service that stored the data (which has seen the bucket within its cache's
 * lifetime) and on a freshly started one (which must ask the drives).
 */
class LostDrivesTest {

    private static final int STRIPE = 16 * 1024;

    private final List<InMemoryShardStore> drives = new ArrayList<>();
    private final List<ErasureObjectService> services = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private ErasureObjectService writer;
    private String uploadId;

    @BeforeEach
    void store() {
        for (int i = 1; i <= 4; i++) {
            drives.add(new InMemoryShardStore("memory-" + i));
        }
        writer = open();
        writer.createBucket("b");
        writer.putBucketConfig("b", "versioning", "Enabled");
        put(writer, "big", 3 * STRIPE);
        put(writer, "small", 10);
        uploadId = writer.createMultipartUpload("b", "mp", Map.of());
    }

    @AfterEach
    void close() {
        services.forEach(ErasureObjectService::close);
    }

    private ErasureObjectService open() {
        ErasureObjectService s = new ErasureObjectService(new ArrayList<ShardStore>(drives),
                new StripeLayout(2, 2, STRIPE), ErasureObjectService.Options.defaults().withInlineLimit(100).withClock(clock));
        services.add(s);
        return s;
    }

    private static ObjectInfo put(ObjectService s, String key, int size) {
        return s.putObject("b", key, new ByteArrayInputStream(new byte[size]), size, PutOptions.of(Map.of()));
    }

    static List<Arguments> reads() {
        return List.of(
                op("GetObject of a striped object", (s, id) -> read(s, "big")),
                op("GetObject of an inline object", (s, id) -> read(s, "small")),
                op("HeadObject", (s, id) -> s.headObject("b", "big", null)),
                op("ListObjects", (s, id) -> s.listObjects("b", new ListRequest("", null, "", 10))),
                op("ListObjectVersions", (s, id) -> s.listObjectVersions("b", "", null, null, null, 10)),
                op("GetBucketConfig", (s, id) -> s.getBucketConfig("b", "versioning")),
                op("ListParts", (s, id) -> s.listParts("b", "mp", id, 0, 10)));
    }

    static List<Arguments> writes() {
        return List.of(
                op("PutObject striped", (s, id) -> put(s, "big", 2 * STRIPE)),
                op("PutObject inline", (s, id) -> put(s, "new", 10)),
                op("DeleteObject", (s, id) -> s.deleteObject("b", "big", null)),
                op("UpdateMetadata", (s, id) -> s.updateMetadata("b", "big", null, Map.of("a", "b"))),
                op("PutBucketConfig", (s, id) -> s.putBucketConfig("b", "tagging", "<Tagging/>")),
                op("CreateBucket", (s, id) -> s.createBucket("other")),
                op("CreateMultipartUpload", (s, id) -> s.createMultipartUpload("b", "mp2", Map.of())),
                op("UploadPart", (s, id) -> s.uploadPart("b", "mp", id, 1, new ByteArrayInputStream(new byte[10]), 10,
                        Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"reads", "writes"})
    void moreThanMLostDrivesFailEveryOperationWithAQuorumError(String name, Op op) {
        lose(3);
        assertQuorumError(op);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writesWithoutTheirQuorumFailWithAQuorumErrorAndChangeNothing(String name, Op op) {
        List<String> before = listing();
        lose(2);
        assertQuorumError(op);
        drives.forEach(d -> d.setOnline(true));
        assertThat(listing()).isEqualTo(before);
        assertThat(read(open(), "big")).hasSize(3 * STRIPE);
    }

    @Test
    void aBucketSeenWithinASecondIsTrustedThenTheDrivesAreAskedAgain() {
        writer.headBucket("b");
        lose(3);
        assertThatThrownBy(() -> open().headBucket("b")).isExactlyInstanceOf(QuorumException.class);
        // every request checks its bucket: one seen a moment ago is not asked again of every drive
        assertThat(writer.headBucket("b").name()).isEqualTo("b");
        clock.advance(Duration.ofMillis(1001));
        assertThatThrownBy(() -> writer.headBucket("b")).isExactlyInstanceOf(QuorumException.class);
    }

    /**
     * The quorum error, the one answer (503 SlowDown at the gateway); a write whose rollback could not reach
     * every drive says so with its subclass CommitNotUndoneException, which keeps the new data on the drives.
     */
    private void assertQuorumError(Op op) {
        assertThatThrownBy(() -> op.run(writer, uploadId)).isInstanceOf(QuorumException.class);
        assertThatThrownBy(() -> op.run(open(), uploadId)).isInstanceOf(QuorumException.class);
    }

    private void lose(int count) {
        for (int i = 0; i < count; i++) {
            drives.get(i).setOnline(false);
        }
    }

    /** Every version, marker, upload and bucket setting, as a reader on healthy drives sees them. */
    private List<String> listing() {
        ErasureObjectService s = open();
        List<String> out = new ArrayList<>();
        s.listBuckets().forEach(b -> out.add("bucket " + b.name()));
        s.listObjectVersions("b", "", null, null, null, 100).versions().forEach(v -> out.add(v.info().key() + " "
                + v.info().versionId() + " " + v.info().etag() + " " + v.info().deleteMarker() + " "
                + v.info().metadata()));
        s.listMultipartUploads("b", "", null, null, null, 100).uploads().forEach(u -> out.add("upload " + u.key()));
        s.listParts("b", "mp", uploadId, 0, 100).parts().forEach(p -> out.add("part " + p.partNumber()));
        out.add("tagging " + s.getBucketConfig("b", "tagging"));
        return out;
    }

    private static byte[] read(ObjectService s, String key) {
        try (ObjectContent c = s.getObject("b", key, null, null)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (java.nio.ByteBuffer b = c.next(); b != null; b = c.next()) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
            return out.toByteArray();
        }
    }

    /** One call of the object layer; {@code uploadId} names the upload the drives hold. */
    @FunctionalInterface
    interface Op {
        void run(ObjectService s, String uploadId);
    }

    private static Arguments op(String name, Op op) {
        return Arguments.of(name, op);
    }
}
