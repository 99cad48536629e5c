package io.cairn.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.testing.ShardStoreContractTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileShardStoreTest extends ShardStoreContractTest {

    @TempDir
    Path tmp;
    Path root;

    @Override
    protected ShardStore newStore() {
        root = tmp.resolve("drive1");
        return new FileShardStore(root);
    }

    @Override
    protected void loseDrive() throws IOException {
        DriveIo.deleteTree(root);
    }

    @Override
    protected void corruptByte(ShardId shard, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(new DriveLayout(root).partFile(shard).toFile(), "rw")) {
            file.seek(offset);
            int b = file.read();
            file.seek(offset);
            file.write(b ^ 0xFF);
        }
    }

    @Override
    protected void truncate(ShardId shard, long length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(new DriveLayout(root).partFile(shard).toFile(), "rw")) {
            file.setLength(length);
        }
    }

    @Override
    protected List<String> contents() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void filesLiveAtTheDocumentedPaths() throws IOException {
        store.writeManifest(BUCKET, "a//b", "m".getBytes(UTF_8));
        writeShard("a//b", "dd-1", 4, "abcd", "ef");
        Path object = root.resolve("bucket/a/%/b");
        assertThat(Files.readString(object.resolve(".manifest"))).isEqualTo("m");
        assertThat(Files.readString(object.resolve(".data.dd-1/part.1"))).isEqualTo("abcdef");
        assertThat(Files.size(object.resolve(".data.dd-1/part.1.crc"))).isEqualTo(32 + 4 * 2);
        assertThat(Files.readString(root.resolve(".cairn.sys/.format.json"))).contains("\"version\":1");
        try (Stream<Path> leftovers = Files.list(root.resolve(".cairn.sys/.tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void checksumFileLayoutIsByteExact() throws IOException {
        ShardId id = writeShard("k", "dd", 4, "abcd", "ef");
        byte[] crc = Files.readAllBytes(new DriveLayout(root).crcFile(id));
        var buffer = ByteBuffer.wrap(crc);
        assertThat(buffer.getInt()).isEqualTo(0x43524E43);
        assertThat(buffer.getShort()).isEqualTo((short) 1);
        assertThat(buffer.getShort()).isZero();
        assertThat(buffer.getInt()).isEqualTo(4);
        assertThat(buffer.getLong()).isEqualTo(6);
        assertThat(buffer.getInt()).isEqualTo(2);
        buffer.getInt();
        assertThat(buffer.getInt()).isEqualTo(ChecksumTable.crc(ByteBuffer.wrap("abcd".getBytes(UTF_8))));
        assertThat(buffer.getInt()).isEqualTo(ChecksumTable.crc(ByteBuffer.wrap("ef".getBytes(UTF_8))));
    }

    @Test
    void tornChecksumFileIsCorrupt() throws IOException {
        ShardId id = writeShard("k", "dd", 4, "abcd", "efgh");
        Path crc = new DriveLayout(root).crcFile(id);
        byte[] whole = Files.readAllBytes(crc);
        for (int cut : new int[] {0, 10, whole.length - 1}) {
            Files.write(crc, Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> store.openShard(id)).as("cut at " + cut).isInstanceOf(CorruptShardException.class);
        }
        whole[30] ^= 1;
        Files.write(crc, whole);
        assertThatThrownBy(() -> store.openShard(id)).isInstanceOf(CorruptShardException.class);
    }

    @Test
    void dataFileWithoutChecksumsIsNotACommittedShard() throws IOException {
        ShardId id = writeShard("k", "dd", 4, "abcd");
        Files.delete(new DriveLayout(root).crcFile(id));
        assertThatThrownBy(() -> store.openShard(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingTheLastKeyRemovesItsEmptyDirectories() throws IOException {
        store.writeManifest(BUCKET, "a/b/c", new byte[] {1});
        store.writeManifest(BUCKET, "a/x", new byte[] {1});
        writeShard("a/b/c", "dd", 4, "abcd");
        store.deleteManifest(BUCKET, "a/b/c");
        assertThat(root.resolve("bucket/a/b/c")).exists();
        store.deleteDataDir(BUCKET, "a/b/c", "dd");
        assertThat(root.resolve("bucket/a/b")).doesNotExist();
        assertThat(root.resolve("bucket/a/x/.manifest")).exists();
        store.deleteManifest(BUCKET, "a/x");
        try (Stream<Path> left = Files.list(root.resolve("bucket"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void reopeningKeepsTheDriveIdAndEmptiesTheTempArea() throws IOException {
        String formatId = ((FileShardStore) store).formatId();
        Files.writeString(root.resolve(".cairn.sys/.tmp/leftover"), "x");
        Files.createDirectories(root.resolve(".cairn.sys/.tmp/volume-1/sub"));
        FileShardStore reopened = new FileShardStore(root);
        assertThat(reopened.formatId()).isEqualTo(formatId);
        try (Stream<Path> leftovers = Files.list(root.resolve(".cairn.sys/.tmp"))) {
            assertThat(leftovers).isEmpty();
        }
        assertThat(reopened.listVolumes()).extracting(VolumeInfo::name).containsExactly(BUCKET);
    }

    @Test
    void strayFilesInAVolumeAreNotKeys() throws IOException {
        store.writeManifest(BUCKET, "real", new byte[] {1});
        Files.createDirectories(root.resolve("bucket/%2e/x"));
        Files.writeString(root.resolve("bucket/%2e/.manifest"), "x");
        Files.createDirectories(root.resolve("bucket/a b"));
        Files.writeString(root.resolve("bucket/a b/.manifest"), "x");
        Files.writeString(root.resolve("bucket/.DS_Store"), "x");
        assertThat(store.list(BUCKET, "", "", 10).keys()).containsExactly("real");
    }

    @Test
    void aDriveThatCannotBeCreatedIsOffline() throws IOException {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        FileShardStore broken = new FileShardStore(file);
        assertThat(broken.driveInfo().online()).isFalse();
        assertThatThrownBy(() -> broken.listVolumes()).isInstanceOf(DriveOfflineException.class);
    }
}
