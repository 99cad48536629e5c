package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small objects kept in their manifests: same guarantees, no shard files. */
class InlineObjectsTest {

    private static final int LIMIT = ErasureObjectService.Options.DEFAULT_INLINE_LIMIT;

    @TempDir
    Path dir;
    ObjectLayerFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ObjectLayerFixture(dir, 2, 2, 64 * 1024, LIMIT);
        fx.service.createBucket("b");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void smallObjectsLiveInTheManifestAndLargerOnesInShards() {
        byte[] small = ObjectLayerFixture.random(LIMIT, 1);
        byte[] large = ObjectLayerFixture.random(LIMIT + 1, 2);
        ObjectInfo s = fx.put("b", "small", small);
        fx.put("b", "large", large);
        fx.put("b", "empty", new byte[0]);
        assertThat(s.etag()).isEqualTo(ErasureObjectServiceTest.md5Hex(small));
        for (int d = 0; d < 4; d++) {
            assertThat(fx.shardFiles(d)).hasSize(1); // the large object's shard only
        }
        assertThat(fx.get("b", "small", null)).isEqualTo(small);
        assertThat(fx.get("b", "empty", null)).isEmpty();
        assertThat(fx.get("b", "small", ByteRange.of(100, 199)))
                .isEqualTo(Arrays.copyOfRange(small, 100, 200));
        assertThat(fx.get("b", "small", ByteRange.suffix(5)))
                .isEqualTo(Arrays.copyOfRange(small, LIMIT - 5, LIMIT));
        assertThat(fx.service.listObjects("b", new ListRequest("", null, "", 10)).objects())
                .extracting(ObjectInfo::key, ObjectInfo::size)
                .containsExactly(Tuple.tuple("empty", 0L),
                        Tuple.tuple("large", (long) LIMIT + 1),
                        Tuple.tuple("small", (long) LIMIT));
    }

    @Test
    void anyMDamagedManifestsStillReadAndHealRepairsThem() throws IOException {
        byte[] data = ObjectLayerFixture.random(5000, 3);
        fx.put("b", "k", data);
        fx.deleteDrive(0);
        flipManifestBytes(1);
        assertThat(fx.get("b", "k", null)).isEqualTo(data);
        fx.reopen();
        assertThat(fx.service.healAll("b", null, 0, p -> { }).repaired()).isEqualTo(1);
        fx.deleteDrive(2);
        fx.deleteDrive(3);
        assertThat(fx.get("b", "k", null)).isEqualTo(data);
    }

    @Test
    void aShortOrLongBodyStoresNothing() {
        assertThatThrownBy(() -> fx.service.putObject("b", "x", new ByteArrayInputStream(new byte[10]), 11,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class);
        assertThatThrownBy(() -> fx.service.putObject("b", "x", new ByteArrayInputStream(new byte[12]), 11,
                PutOptions.of(Map.of()))).isInstanceOf(BodyReadException.class);
        InputStream failsAtEnd = new SequenceInputStream(new ByteArrayInputStream(new byte[11]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("checksum mismatch");
                    }
                });
        assertThatThrownBy(() -> fx.service.putObject("b", "x", failsAtEnd, 11, PutOptions.of(Map.of())))
                .isInstanceOf(BodyReadException.class);
        assertThatThrownBy(() -> fx.service.headObject("b", "x", null)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void versionsOfSmallObjects() {
        fx.service.putBucketConfig("b", "versioning", "Enabled");
        ObjectInfo v1 = fx.put("b", "v", new byte[] {1});
        fx.put("b", "v", new byte[] {2});
        try (ObjectContent c = fx.service.getObject("b", "v", v1.versionId(), null)) {
            assertThat(c.next().get()).isEqualTo((byte) 1);
        }
        assertThat(fx.get("b", "v", null)).containsExactly(2);
    }

    private void flipManifestBytes(int drive) throws IOException {
        try (Stream<Path> s = Files.walk(fx.driveDirs.get(drive).resolve("b"))) {
            List<Path> manifests = s.filter(p -> p.getFileName().toString().equals(".manifest")).toList();
            assertThat(manifests).isNotEmpty();
            for (Path m : manifests) {
                byte[] b = Files.readAllBytes(m);
                b[b.length / 2] ^= 0x21;
                Files.write(m, b);
            }
        }
    }
}
