package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power-loss file system itself, through its mount with java.nio as Cairn's storage code uses it: what was
 * fsynced (file data by the file's fsync, names by their directory's fsync) survives
 * {@link PowerLossFs#dropUnsynced()}, everything else is undone.
 */
class PowerLossFsIT {

    @TempDir
    Path temp;
    private PowerLossFs fs;
    private Path root;

    @BeforeEach
    void mount() throws IOException {
        PowerLossFs.assumeAvailable();
        fs = PowerLossFs.mountAt(temp);
        root = fs.mountPoint();
    }

    @AfterEach
    void unmount() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void aDirectoryFsyncReachesTheFileSystem() throws IOException {
        Files.createDirectory(root.resolve("d"));
        long before = fs.fsyncdirs();
        fsyncDir(root.resolve("d")); // how storage-node's DriveIo.fsyncDir does it
        assertThat(fs.fsyncdirs()).isEqualTo(before + 1);
        long files = fs.fsyncs();
        write(root.resolve("d/f"), "x", true);
        assertThat(fs.fsyncs()).isEqualTo(files + 1);
    }

    @Test
    void aFileWrittenAndFsyncedInAnFsyncedDirectorySurvives() throws IOException {
        Path dir = root.resolve("a");
        Files.createDirectory(dir);
        fsyncDir(root);
        write(dir.resolve("f"), "durable", true);
        fsyncDir(dir);
        fs.dropUnsynced();
        assertThat(read(dir.resolve("f"))).isEqualTo("durable");
    }

    @Test
    void aWriteWithoutFsyncIsReverted() throws IOException {
        Path file = root.resolve("f");
        write(file, "version one", true);
        fsyncDir(root);
        write(file, "version two, longer", false);
        assertThat(read(file)).isEqualTo("version two, longer");
        fs.dropUnsynced();
        assertThat(read(file)).isEqualTo("version one");
        // a new file's data without its fsync: the name survives (directory synced), the bytes do not
        write(root.resolve("g"), "never synced", false);
        fsyncDir(root);
        fs.dropUnsynced();
        assertThat(read(root.resolve("g"))).isEmpty();
    }

    @Test
    void aFileCreatedWithoutADirectoryFsyncVanishes() throws IOException {
        write(root.resolve("f"), "synced data, unsynced name", true);
        Files.createDirectories(root.resolve("x/y"));
        write(root.resolve("x/y/z"), "deep", true);
        fsyncDir(root.resolve("x/y"));
        fsyncDir(root.resolve("x")); // but not root: x itself is not durable
        fs.dropUnsynced();
        assertThat(root.resolve("f")).doesNotExist();
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void aRenameOverAFileWithoutADirectoryFsyncIsUndone() throws IOException {
        write(root.resolve("tmp"), "new", true);
        write(root.resolve("target"), "old", true);
        fsyncDir(root);
        Files.move(root.resolve("tmp"), root.resolve("target"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(read(root.resolve("target"))).isEqualTo("new");
        fs.dropUnsynced();
        assertThat(read(root.resolve("tmp"))).isEqualTo("new");
        assertThat(read(root.resolve("target"))).isEqualTo("old");

        Files.move(root.resolve("tmp"), root.resolve("target"), StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(root);
        fs.dropUnsynced();
        assertThat(root.resolve("tmp")).doesNotExist();
        assertThat(read(root.resolve("target"))).isEqualTo("new");
    }

    @Test
    void aRenameAcrossDirectoriesIsDurableHalfByHalf() throws IOException {
        Files.createDirectory(root.resolve("a"));
        Files.createDirectory(root.resolve("b"));
        write(root.resolve("a/f"), "moved", true);
        fsyncDir(root.resolve("a"));
        fsyncDir(root);
        Files.move(root.resolve("a/f"), root.resolve("b/f"), StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(root.resolve("b")); // the new name is durable, the old one's removal is not
        fs.dropUnsynced();
        assertThat(read(root.resolve("a/f"))).isEqualTo("moved");
        assertThat(read(root.resolve("b/f"))).isEqualTo("moved");
    }

    @Test
    void anUnlinkWithoutADirectoryFsyncIsUndoneWithTheDurableContent() throws IOException {
        write(root.resolve("f"), "durable", true);
        fsyncDir(root);
        write(root.resolve("f"), "changed, not synced", false);
        Files.delete(root.resolve("f"));
        fs.dropUnsynced();
        assertThat(read(root.resolve("f"))).isEqualTo("durable");
        Files.delete(root.resolve("f"));
        fsyncDir(root);
        fs.dropUnsynced();
        assertThat(root.resolve("f")).doesNotExist();
    }

    @Test
    void aRenamedDirectoryKeepsItsDurableEntries() throws IOException {
        Files.createDirectory(root.resolve("d"));
        write(root.resolve("d/f"), "inside", true);
        fsyncDir(root.resolve("d"));
        fsyncDir(root);
        Files.move(root.resolve("d"), root.resolve("e"), StandardCopyOption.ATOMIC_MOVE);
        write(root.resolve("e/g"), "not named durably", true);
        fsyncDir(root);
        fs.dropUnsynced();
        assertThat(root.resolve("d")).doesNotExist();
        assertThat(read(root.resolve("e/f"))).isEqualTo("inside");
        assertThat(root.resolve("e/g")).doesNotExist();
    }

    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void write(Path file, String text, boolean fsync) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(true);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
