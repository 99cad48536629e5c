package io.cairn.storage.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ListPage;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeInfo;
import io.cairn.storage.VolumeNotEmptyException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ShardStore} must do, run against each implementation by a subclass that supplies
 * the store and the means to damage it.
 */
public abstract class ShardStoreContractTest {

    protected static final String BUCKET = "bucket";
    protected static final String SYSTEM = ".cairn.sys";

    /** Keys that break naive escaping or ordering; their S3 order is their UTF-8 byte order. */
    protected static final List<String> NASTY_KEYS = List.of(
            "a", "a/", "a/b", "a-c", "a//b", "a/b/", "a0", "a.", ".", "..", "../x", ".manifest", "%", "%2E",
            "100%", "a b", "a\\b", "tab\tkey", "nul\u0000key", "é", "e\u0301", "日本/語", "🙂", "\uFFFF",
            "z".repeat(255), "z".repeat(254) + "+", "z".repeat(300), "z".repeat(254) + "/y", "é".repeat(300),
            "long/" + "q".repeat(600) + "/end", "/", "//", "/lead");

    protected ShardStore store;

    /** A fresh, empty store. */
    protected abstract ShardStore newStore() throws Exception;

    /** Makes the drive disappear under the open store (for files: delete its whole directory). */
    protected abstract void loseDrive() throws Exception;

    /** Damages one byte of a committed shard without touching its checksums. */
    protected abstract void corruptByte(ShardId shard, long offset) throws Exception;

    /** Cuts a committed shard's bytes to {@code length}. */
    protected abstract void truncate(ShardId shard, long length) throws Exception;

    /** Everything the store holds, including its temp area, as comparable lines. */
    protected abstract List<String> contents() throws Exception;

    /**
     * Whether the store judges fencing tokens ({@link io.cairn.storage.KeyFence}); one that does not must
     * ignore them.
     */
    protected boolean fencesManifests() {
        return false;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
        store.createVolume(BUCKET);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8));
    }

    protected static String string(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return new String(out, UTF_8);
    }

    protected ShardId writeShard(String key, String dataDir, int cellSize, String... cells) {
        ShardId id = new ShardId(BUCKET, key, dataDir, "part.1");
        try (ShardWriter writer = store.createShard(id, cellSize)) {
            for (String cell : cells) {
                writer.append(bytes(cell));
            }
            writer.commit();
        }
        return id;
    }

    // ---- shards ----

    @Test
    void committedShardReadsBackCellByCell() {
        ShardId id = writeShard("photos/cat.jpg", "dd-1", 4, "abcd", "efgh", "ij");
        try (ShardReader reader = store.openShard(id)) {
            assertThat(reader.length()).isEqualTo(10);
            assertThat(reader.cellSize()).isEqualTo(4);
            assertThat(string(reader.readCells(0, 3))).isEqualTo("abcdefghij");
            assertThat(string(reader.readCells(1, 1))).isEqualTo("efgh");
            assertThat(string(reader.readCells(2, 1))).isEqualTo("ij");
            assertThat(reader.readCells(1, 0).remaining()).isZero();
            assertThatThrownBy(() -> reader.readCells(2, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void appendDoesNotMoveTheCallersBufferAndRejectsCellsAfterAShortOne() {
        ShardId id = new ShardId(BUCKET, "k", "dd", "part.1");
        try (ShardWriter writer = store.createShard(id, 4)) {
            ByteBuffer cell = bytes("abcd");
            writer.append(cell);
            assertThat(cell.remaining()).isEqualTo(4);
            assertThatThrownBy(() -> writer.append(bytes("abcde"))).isInstanceOf(IllegalArgumentException.class);
            writer.append(bytes("ab"));
            assertThatThrownBy(() -> writer.append(bytes("cd"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(writer.length()).isEqualTo(6);
        }
    }

    @Test
    void emptyShardCommitsWithZeroCells() {
        ShardId id = writeShard("empty", "dd", 4);
        try (ShardReader reader = store.openShard(id)) {
            assertThat(reader.length()).isZero();
            assertThat(reader.readCells(0, 0).remaining()).isZero();
        }
    }

    @Test
    void uncommittedShardIsInvisible() {
        ShardId id = new ShardId(BUCKET, "k", "dd", "part.1");
        ShardWriter writer = store.createShard(id, 4);
        writer.append(bytes("abcd"));
        assertThatThrownBy(() -> store.openShard(id)).isInstanceOf(NotFoundException.class);
        writer.commit();
        try (ShardReader reader = store.openShard(id)) {
            assertThat(string(reader.readCells(0, 1))).isEqualTo("abcd");
        }
        assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNoTrace() throws Exception {
        writeShard("other", "dd", 4, "wxyz");
        List<String> before = contents();
        ShardWriter aborted = store.createShard(new ShardId(BUCKET, "a/b", "dd", "part.1"), 4);
        aborted.append(bytes("abcd"));
        aborted.abort();
        try (ShardWriter closed = store.createShard(new ShardId(BUCKET, "a/c", "dd", "part.2"), 4)) {
            closed.append(bytes("abcd"));
        }
        assertThat(contents()).isEqualTo(before);
        assertThatThrownBy(() -> store.openShard(new ShardId(BUCKET, "a/b", "dd", "part.1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void missingShardOrVolumeIsNotFound() {
        assertThatThrownBy(() -> store.openShard(new ShardId(BUCKET, "nope", "dd", "part.1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.openShard(new ShardId("novolume", "k", "dd", "part.1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.createShard(new ShardId("novolume", "k", "dd", "part.1"), 4))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidNamesAreRejectedBeforeTouchingTheDrive() {
        for (ShardId bad : List.of(new ShardId(BUCKET, "", "dd", "p"), new ShardId(BUCKET, "k", "../x", "p"),
                new ShardId(BUCKET, "k", "dd", "p/q"), new ShardId(BUCKET, "k", "dd", "p.crc"),
                new ShardId("../etc", "k", "dd", "p"), new ShardId(BUCKET, "k".repeat(1025), "dd", "p"))) {
            assertThatThrownBy(() -> store.createShard(bad, 4)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void flippedByteFailsOnlyTheCellHoldingIt() throws Exception {
        ShardId id = writeShard("k", "dd", 4, "abcd", "efgh", "ij");
        corruptByte(id, 5);
        try (ShardReader reader = store.openShard(id)) {
            assertThat(string(reader.readCells(0, 1))).isEqualTo("abcd");
            assertThat(string(reader.readCells(2, 1))).isEqualTo("ij");
            assertThatThrownBy(() -> reader.readCells(1, 1)).isInstanceOf(CorruptShardException.class)
                    .hasMessageContaining("cell 1");
            assertThatThrownBy(() -> reader.readCells(0, 3)).isInstanceOf(CorruptShardException.class);
        }
    }

    @Test
    void truncatedShardIsCorruptFromTheCutOn() throws Exception {
        ShardId id = writeShard("k", "dd", 4, "abcd", "efgh", "ij");
        truncate(id, 6);
        try (ShardReader reader = store.openShard(id)) {
            assertThat(string(reader.readCells(0, 1))).isEqualTo("abcd");
            assertThatThrownBy(() -> reader.readCells(1, 1)).isInstanceOf(CorruptShardException.class);
            assertThatThrownBy(() -> reader.readCells(2, 1)).isInstanceOf(CorruptShardException.class);
        }
    }

    @Test
    void deleteDataDirRemovesAllPartsAndAbsentIsFine() {
        ShardId one = writeShard("k", "dd", 4, "abcd");
        ShardId two = new ShardId(BUCKET, "k", "dd", "part.2");
        try (ShardWriter writer = store.createShard(two, 4)) {
            writer.append(bytes("efgh"));
            writer.commit();
        }
        store.deleteDataDir(BUCKET, "k", "dd");
        assertThatThrownBy(() -> store.openShard(one)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.openShard(two)).isInstanceOf(NotFoundException.class);
        store.deleteDataDir(BUCKET, "k", "dd");
        store.deleteDataDir(BUCKET, "never/was", "dd");
    }

    @Test
    void moveDataDirMovesCommittedPartsToAnotherKey() {
        store.createVolume("other");
        ShardId upload = new ShardId(SYSTEM, "multipart/bucket/obj/upload-1", "dd", "part.1");
        try (ShardWriter writer = store.createShard(upload, 4)) {
            writer.append(bytes("abcd"));
            writer.commit();
        }
        store.moveDataDir(SYSTEM, "multipart/bucket/obj/upload-1", "dd", "other", "deep/new//obj");
        try (ShardReader reader = store.openShard(new ShardId("other", "deep/new//obj", "dd", "part.1"))) {
            assertThat(string(reader.readCells(0, 1))).isEqualTo("abcd");
        }
        assertThatThrownBy(() -> store.openShard(upload)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.moveDataDir(SYSTEM, "multipart/bucket/obj/upload-1", "dd", "other", "x"))
                .isInstanceOf(NotFoundException.class);
        writeShard("src", "dd2", 4, "wxyz");
        writeShard("dst", "dd2", 4, "1234");
        assertThatThrownBy(() -> store.moveDataDir(BUCKET, "src", "dd2", BUCKET, "dst"))
                .isInstanceOf(ShardStoreException.class);
    }

    // ---- manifests ----

    @Test
    void manifestIsWrittenReplacedAndDeleted() {
        assertThatThrownBy(() -> store.readManifest(BUCKET, "a/b")).isInstanceOf(NotFoundException.class);
        store.writeManifest(BUCKET, "a/b", "v1".getBytes(UTF_8));
        assertThat(store.readManifest(BUCKET, "a/b")).isEqualTo("v1".getBytes(UTF_8));
        store.writeManifest(BUCKET, "a/b", "version two".getBytes(UTF_8));
        assertThat(store.readManifest(BUCKET, "a/b")).isEqualTo("version two".getBytes(UTF_8));
        assertThatThrownBy(() -> store.readManifest(BUCKET, "a")).isInstanceOf(NotFoundException.class);
        store.deleteManifest(BUCKET, "a/b");
        assertThatThrownBy(() -> store.readManifest(BUCKET, "a/b")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "a/b")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.writeManifest("novolume", "k", new byte[1])).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDeleteWithAStaleTokenNeverRemovesANewerWritersManifest() {
        assumeTrue(fencesManifests(), "the store keeps no fencing tokens");
        store.writeManifest(BUCKET, "a/b", "written with 5".getBytes(UTF_8), 5);
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "a/b", 4)).isInstanceOf(StaleFencingTokenException.class);
        assertThat(store.readManifest(BUCKET, "a/b")).isEqualTo("written with 5".getBytes(UTF_8));
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "absent", 1)).isInstanceOf(NotFoundException.class);
        store.deleteManifest(BUCKET, "a/b", 5);
        assertThatThrownBy(() -> store.readManifest(BUCKET, "a/b")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "a/b", 5)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "a/b", 4)).isInstanceOf(StaleFencingTokenException.class);
    }

    @Test
    void aDeleteWithANewerTokenRaisesTheKeysTokenForLaterWrites() {
        assumeTrue(fencesManifests(), "the store keeps no fencing tokens");
        store.writeManifest(BUCKET, "k", "written with 3".getBytes(UTF_8), 3);
        store.deleteManifest(BUCKET, "k", 7);
        assertThatThrownBy(() -> store.readManifest(BUCKET, "k")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.writeManifest(BUCKET, "k", "late, with 6".getBytes(UTF_8), 6))
                .isInstanceOf(StaleFencingTokenException.class);
        assertThatThrownBy(() -> store.readManifest(BUCKET, "k")).isInstanceOf(NotFoundException.class);
        store.writeManifest(BUCKET, "k", "written with 8".getBytes(UTF_8), 8);
        assertThat(store.readManifest(BUCKET, "k")).isEqualTo("written with 8".getBytes(UTF_8));
        // A key whose manifest was never there: the delete fails as absent, yet its token counts.
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "never", 9)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.writeManifest(BUCKET, "never", new byte[] {1}, 8))
                .isInstanceOf(StaleFencingTokenException.class);
    }

    @Test
    void aStoreThatDoesNotFenceIgnoresTheTokenOfADelete() {
        assumeFalse(fencesManifests(), "the store keeps fencing tokens");
        store.writeManifest(BUCKET, "a/b", "written with 5".getBytes(UTF_8), 5);
        store.deleteManifest(BUCKET, "a/b", 1);
        assertThatThrownBy(() -> store.readManifest(BUCKET, "a/b")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteManifest(BUCKET, "a/b", 9)).isInstanceOf(NotFoundException.class);
        store.writeManifest(BUCKET, "a/b", "written with 2".getBytes(UTF_8), 2);
        assertThat(store.readManifest(BUCKET, "a/b")).isEqualTo("written with 2".getBytes(UTF_8));
    }

    @Test
    void everyNastyKeyHasItsOwnManifest() {
        for (String key : NASTY_KEYS) {
            store.writeManifest(BUCKET, key, key.getBytes(UTF_8));
        }
        for (String key : NASTY_KEYS) {
            assertThat(new String(store.readManifest(BUCKET, key), UTF_8)).as(key).isEqualTo(key);
        }
    }

    @Test
    void concurrentReplacementNeverShowsATornManifest() throws Exception {
        byte[] small = "s".repeat(100).getBytes(UTF_8);
        byte[] large = "L".repeat(64 * 1024).getBytes(UTF_8);
        store.writeManifest(BUCKET, "hot", small);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        store.writeManifest(BUCKET, "hot", i % 2 == 0 ? large : small);
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (!done.get() || reads < 100) {
                    byte[] read = store.readManifest(BUCKET, "hot");
                    if (!Arrays.equals(read, small) && !Arrays.equals(read, large)) {
                        throw new AssertionError("torn manifest of " + read.length + " bytes");
                    }
                    reads++;
                }
                return reads;
            });
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            done.set(true);
            assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersAndDeletersOfSiblingKeysDoNotLoseWrites() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        String key = "shared/dir/t" + thread + "-" + i;
                        store.writeManifest(BUCKET, key, key.getBytes(UTF_8));
                        writeShard(key, "dd", 4, "abcd");
                        if (i % 2 == 0) {
                            store.deleteDataDir(BUCKET, key, "dd");
                            store.deleteManifest(BUCKET, key);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            for (int i = 1; i < 100; i += 2) {
                expected.add("shared/dir/t" + t + "-" + i);
            }
        }
        expected.sort(InMemoryShardStore.KEY_ORDER);
        assertThat(store.list(BUCKET, "shared/", "", 1000).keys()).isEqualTo(expected);
        for (String key : expected) {
            try (ShardReader reader = store.openShard(new ShardId(BUCKET, key, "dd", "part.1"))) {
                assertThat(string(reader.readCells(0, 1))).isEqualTo("abcd");
            }
        }
    }

    // ---- listing ----

    @Test
    void listsNastyKeysInUtf8ByteOrder() {
        for (String key : NASTY_KEYS) {
            store.writeManifest(BUCKET, key, new byte[] {1});
        }
        writeShard("only-data-no-manifest", "dd", 4, "abcd");
        List<String> expected = new ArrayList<>(NASTY_KEYS);
        expected.sort(InMemoryShardStore.KEY_ORDER);
        ListPage page = store.list(BUCKET, "", "", 1000);
        assertThat(page.keys()).isEqualTo(expected);
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void listHonoursPrefixStartAfterAndLimit() {
        for (String key : List.of("a", "a/", "a/b", "a/b/c", "a-c", "a//b", "ab", "b", "b/a")) {
            store.writeManifest(BUCKET, key, new byte[] {1});
        }
        assertThat(store.list(BUCKET, "a/", "", 100).keys()).containsExactly("a/", "a//b", "a/b", "a/b/c");
        assertThat(store.list(BUCKET, "a", "a-c", 100).keys()).containsExactly("a/", "a//b", "a/b", "a/b/c", "ab");
        assertThat(store.list(BUCKET, "a/b", "", 100).keys()).containsExactly("a/b", "a/b/c");
        assertThat(store.list(BUCKET, "a/b/", "", 100).keys()).containsExactly("a/b/c");
        assertThat(store.list(BUCKET, "c", "", 100).keys()).isEmpty();
        assertThat(store.list(BUCKET, "", "b/a", 100).keys()).isEmpty();
        ListPage first = store.list(BUCKET, "", "", 3);
        assertThat(first.keys()).containsExactly("a", "a-c", "a/");
        assertThat(first.truncated()).isTrue();
        ListPage exact = store.list(BUCKET, "b", "", 2);
        assertThat(exact.keys()).containsExactly("b", "b/a");
        assertThat(exact.truncated()).isFalse();
        assertThat(store.list(BUCKET, "", "", 0)).isEqualTo(new ListPage(List.of(), true));
        assertThatThrownBy(() -> store.list("novolume", "", "", 10)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void randomKeysPageThroughInOrder() {
        Random random = new Random(11);
        List<String> keys = new ArrayList<>();
        String[] alphabet = {"a", "b", "/", "-", ".", "%", "é", "z".repeat(130), "🙂", "\u0001", "~"};
        while (keys.size() < 150) {
            StringBuilder key = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (!keys.contains(key.toString())) {
                keys.add(key.toString());
                store.writeManifest(BUCKET, key.toString(), new byte[] {1});
            }
        }
        keys.sort(InMemoryShardStore.KEY_ORDER);
        for (String prefix : List.of("", "a", "a/", "b", "/", "z".repeat(130), "é", "a-")) {
            List<String> expected = keys.stream().filter(k -> k.startsWith(prefix)).toList();
            List<String> paged = new ArrayList<>();
            String after = "";
            ListPage page;
            do {
                page = store.list(BUCKET, prefix, after, 7);
                paged.addAll(page.keys());
                after = page.keys().isEmpty() ? after : page.keys().get(page.keys().size() - 1);
            } while (page.truncated());
            assertThat(paged).as("prefix " + prefix).isEqualTo(expected);
        }
        String after = keys.get(40) + "\u0000";
        assertThat(store.list(BUCKET, "", after, 1000).keys()).isEqualTo(keys.subList(41, keys.size()));
    }

    // ---- volumes ----

    @Test
    void volumesAreCreatedListedAndDeleted() {
        assertThatThrownBy(() -> store.createVolume(BUCKET)).isInstanceOf(VolumeExistsException.class);
        store.createVolume("alpha");
        assertThat(store.listVolumes()).extracting(VolumeInfo::name).containsExactly("alpha", BUCKET);
        assertThat(store.statVolume("alpha").name()).isEqualTo("alpha");
        assertThat(store.statVolume("alpha").created()).isNotNull();
        assertThatThrownBy(() -> store.statVolume("missing")).isInstanceOf(NotFoundException.class);
        store.writeManifest("alpha", "x/y", new byte[] {1});
        writeShard("x/y", "dd", 4, "abcd");
        assertThatThrownBy(() -> store.deleteVolume("alpha")).isInstanceOf(VolumeNotEmptyException.class);
        store.deleteManifest("alpha", "x/y");
        store.deleteVolume("alpha");
        assertThatThrownBy(() -> store.statVolume("alpha")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteVolume("alpha")).isInstanceOf(NotFoundException.class);
        store.createVolume("alpha");
        store.writeManifest("alpha", "k", new byte[] {1});
        store.deleteVolumeRecursively("alpha");
        assertThat(store.listVolumes()).extracting(VolumeInfo::name).containsExactly(BUCKET);
    }

    @Test
    void systemVolumeHoldsKeysButIsNotListed() {
        assertThatThrownBy(() -> store.createVolume(SYSTEM)).isInstanceOf(VolumeExistsException.class);
        store.writeManifest(SYSTEM, "multipart/b/k/u1", "m".getBytes(UTF_8));
        store.writeManifest(SYSTEM, "tmp", "t".getBytes(UTF_8));
        assertThat(store.readManifest(SYSTEM, "multipart/b/k/u1")).isEqualTo("m".getBytes(UTF_8));
        assertThat(store.list(SYSTEM, "", "", 10).keys()).containsExactly("multipart/b/k/u1", "tmp");
        assertThat(store.statVolume(SYSTEM).name()).isEqualTo(SYSTEM);
        assertThat(store.listVolumes()).extracting(VolumeInfo::name).containsExactly(BUCKET);
        store.createVolume(".hidden");
        assertThat(store.listVolumes()).extracting(VolumeInfo::name).containsExactly(BUCKET);
    }

    // ---- a lost drive ----

    @Test
    void lostDriveFailsEveryCallAsOffline() throws Exception {
        ShardId id = writeShard("k", "dd", 4, "abcd");
        store.writeManifest(BUCKET, "k", new byte[] {1});
        loseDrive();
        List<Runnable> calls = List.of(
                () -> store.readManifest(BUCKET, "k"),
                () -> store.readManifest(BUCKET, "missing"),
                () -> store.writeManifest(BUCKET, "k", new byte[] {2}),
                () -> store.deleteManifest(BUCKET, "k"),
                () -> store.deleteManifest(BUCKET, "k", 1),
                () -> store.list(BUCKET, "", "", 10),
                () -> store.listVolumes(),
                () -> store.statVolume(BUCKET),
                () -> store.createVolume("fresh"),
                () -> store.deleteVolume(BUCKET),
                () -> store.deleteVolumeRecursively(BUCKET),
                () -> store.openShard(id),
                () -> store.createShard(new ShardId(BUCKET, "k2", "dd", "part.1"), 4),
                () -> store.deleteDataDir(BUCKET, "k", "dd"),
                () -> store.moveDataDir(BUCKET, "k", "dd", BUCKET, "k3"));
        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i)::run).as("call " + i).isInstanceOf(DriveOfflineException.class);
        }
        assertThat(store.driveInfo().online()).isFalse();
    }

    @Test
    void driveInfoReportsAnOnlineDriveWithSpace() {
        var info = store.driveInfo();
        assertThat(info.online()).isTrue();
        assertThat(info.id()).isEqualTo(store.id());
        assertThat(info.totalBytes()).isPositive();
        assertThat(info.freeBytes()).isBetween(0L, info.totalBytes());
    }
}
