package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drive's writes, once its store call returned, survive a power loss ({@link PowerLossFs}): its identity, its
 * volumes, manifests and shards, also when the drive's directories were created a moment before (the first start
 * of {@code cairn server --data DIR}).
 */
class DrivePowerLossIT {

    @TempDir
    Path temp;
    private PowerLossFs fs;

    @BeforeEach
    void mount() throws IOException {
        PowerLossFs.assumeAvailable();
        fs = PowerLossFs.mountAt(temp);
    }

    @AfterEach
    void unmount() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void aNewDriveAndWhatWasWrittenToItSurviveAPowerLoss() throws IOException {
        Path drive = fs.mountPoint().resolve("data").resolve("d1");
        FileShardStore store = new FileShardStore(FileShardStore.createDriveDir(drive));
        String formatId = store.formatId();
        store.createVolume("bucket");
        store.writeManifest("bucket", "a/b/key", "manifest v1".getBytes(StandardCharsets.UTF_8));
        ShardId shard = new ShardId("bucket", "a/b/key", "dd-1", "part.1");
        try (ShardWriter writer = store.createShard(shard, 4)) {
            writer.append(ByteBuffer.wrap("abcd".getBytes(StandardCharsets.US_ASCII)));
            writer.append(ByteBuffer.wrap("ef".getBytes(StandardCharsets.US_ASCII)));
            writer.commit();
        }
        store.writeManifest("bucket", "a/b/key", "manifest v2".getBytes(StandardCharsets.UTF_8));

        fs.dropUnsynced();

        FileShardStore again = new FileShardStore(drive);
        assertThat(again.formatId()).isEqualTo(formatId);
        assertThat(new String(again.readManifest("bucket", "a/b/key"), StandardCharsets.UTF_8))
                .isEqualTo("manifest v2");
        try (ShardReader reader = again.openShard(shard)) {
            ByteBuffer cells = reader.readCells(0, 2);
            byte[] bytes = new byte[cells.remaining()];
            cells.get(bytes);
            assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        }
    }

    @Test
    void aDeletedManifestStaysDeleted() throws IOException {
        Path drive = fs.mountPoint().resolve("d1");
        FileShardStore store = new FileShardStore(FileShardStore.createDriveDir(drive));
        store.createVolume("bucket");
        store.writeManifest("bucket", "k", "m".getBytes(StandardCharsets.UTF_8));
        store.deleteManifest("bucket", "k");

        fs.dropUnsynced();

        FileShardStore again = new FileShardStore(drive);
        assertThat(again.list("bucket", "", "", 10).keys()).isEmpty();
    }
}
