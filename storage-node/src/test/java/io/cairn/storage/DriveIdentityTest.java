package io.cairn.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drive's identity files are checked like its data: damage is repaired from the copy or reported. */
class DriveIdentityTest {

    @TempDir
    Path tmp;
    Path root;
    Path main;
    Path copy;

    @BeforeEach
    void paths() {
        root = tmp.resolve("d1");
        main = root.resolve(".cairn.sys/.format.json");
        copy = root.resolve(".cairn.sys/.format.copy.json");
    }

    @Test
    void aNewDriveGetsTwoIdenticalChecksummedIdentityFiles() throws IOException {
        FileShardStore store = new FileShardStore(root);
        assertThat(Files.readString(main)).isEqualTo(Files.readString(copy)).contains("\"crc32c\":\"")
                .contains(store.formatId());
        assertThat(store.driveInfo().online()).isTrue();
    }

    @Test
    void aFlippedByteInTheIdentityFileIsRepairedFromTheCopyWhileRunning() throws IOException {
        FileShardStore store = new FileShardStore(root);
        String original = Files.readString(main);
        for (int offset : new int[] {3, 40, original.indexOf(store.formatId()) + 5, original.length() - 4}) {
            flip(main, offset);
            assertThat(store.driveInfo().online()).as("offset %d", offset).isTrue();
            assertThat(Files.readString(main)).isEqualTo(original);
        }
        flip(copy, 50);
        assertThat(store.driveInfo().online()).isTrue();
        assertThat(Files.readString(copy)).isEqualTo(original);
    }

    @Test
    void aDamagedIdentityFileIsRepairedWhenTheDriveOpens() throws IOException {
        String id = new FileShardStore(root).formatId();
        String original = Files.readString(main);
        flip(main, original.indexOf(id) + 2);
        FileShardStore reopened = new FileShardStore(root);
        assertThat(reopened.formatId()).isEqualTo(id);
        assertThat(Files.readString(main)).isEqualTo(original);
    }

    @Test
    void bothFilesDamagedTakesTheDriveOfflineWithTheReason() throws IOException {
        FileShardStore store = new FileShardStore(root);
        store.createVolume("b");
        flip(main, 30);
        Files.delete(copy);
        DriveInfo info = store.driveInfo();
        assertThat(info.online()).isFalse();
        assertThat(info.problem()).contains("damaged identity").contains(".format.json");
        assertThatThrownBy(() -> store.readManifest("b", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("damaged identity");

        FileShardStore reopened = new FileShardStore(root);
        assertThat(reopened.driveInfo().online()).isFalse();
        assertThatThrownBy(() -> reopened.listVolumes()).isInstanceOf(DriveOfflineException.class);
        assertThat(Files.exists(copy)).as("nothing is rewritten from a damaged file").isFalse();
    }

    @Test
    void anotherDrivesIdentityInPlaceIsRefused() throws IOException {
        FileShardStore store = new FileShardStore(root);
        Path other = tmp.resolve("d2");
        new FileShardStore(other);
        Files.copy(other.resolve(".cairn.sys/.format.json"), main, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve(".cairn.sys/.format.copy.json"), copy,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DriveInfo info = store.driveInfo();
        assertThat(info.online()).isFalse();
        assertThat(info.problem()).contains("another disk");
    }

    @Test
    void aDriveFromBeforeChecksumsIsReadAndUpgraded() throws IOException {
        Files.createDirectories(main.getParent());
        Files.writeString(main, "{\"format\":\"cairn-drive\",\"version\":1,"
                + "\"driveId\":\"6f1c2e9a-0000-4000-8000-000000000001\",\"created\":\"2026-01-01T00:00:00Z\"}\n");
        FileShardStore store = new FileShardStore(root);
        assertThat(store.formatId()).isEqualTo("6f1c2e9a-0000-4000-8000-000000000001");
        assertThat(Files.readString(main)).contains("\"crc32c\":\"").isEqualTo(Files.readString(copy));
    }

    @Test
    void aDriveWithDataButNoIdentityIsNotFormattedAgain() throws IOException {
        FileShardStore store = new FileShardStore(root);
        store.createVolume("b");
        store.writeManifest("b", "k", "m".getBytes(UTF_8));
        Files.delete(main);
        Files.delete(copy);
        FileShardStore reopened = new FileShardStore(root);
        assertThat(reopened.driveInfo().online()).isFalse();
        assertThat(reopened.driveInfo().problem()).contains("holds data but no identity file");
        assertThat(Files.exists(main)).isFalse();
    }

    @Test
    void anEmptiedDriveIsAdoptedOnlyWhenAskedAndOnlyWhenEmpty() throws IOException {
        FileShardStore store = new FileShardStore(root);
        String before = store.formatId();
        store.createVolume("b");
        assertThatThrownBy(store::adoptEmpty).hasMessageContaining("is online");

        DriveIo.deleteTree(root);
        Files.createDirectories(root);
        assertThat(store.driveInfo().online()).isFalse();
        assertThat(store.driveInfo().problem()).contains("missing its system area");
        assertThat(Files.exists(root.resolve(".cairn.sys"))).as("never formatted on its own").isFalse();

        Files.writeString(root.resolve("stray"), "x");
        assertThatThrownBy(store::adoptEmpty).hasMessageContaining("not empty");
        Files.delete(root.resolve("stray"));

        String after = store.adoptEmpty();
        assertThat(after).isNotEqualTo(before).isEqualTo(store.formatId());
        assertThat(store.driveInfo().online()).isTrue();
        store.createVolume("b");
        store.writeManifest("b", "k", "m".getBytes(UTF_8));
        assertThat(store.readManifest("b", "k")).isEqualTo("m".getBytes(UTF_8));
    }

    private static void flip(Path file, int offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }
}
