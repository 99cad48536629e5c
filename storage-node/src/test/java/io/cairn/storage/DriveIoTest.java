package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveIoTest {

    @TempDir
    Path root;

    private DriveIo openDrive() {
        new FileShardStore(root);
        return new DriveIo(new DriveLayout(root), "d1");
    }

    @Test
    void diskFullKeepsTheDriveOnlineAndTheCause() {
        IOException full = new FileSystemException("/x", null, "No space left on device");
        ShardStoreException e = openDrive().translate(full, "write manifest of b/k");
        assertThat(e).isExactlyInstanceOf(ShardStoreException.class).hasCause(full)
                .hasMessageContaining("full").hasMessageContaining("write manifest of b/k");
    }

    @Test
    void ioErrorAndReadOnlyRemountMeanTheDriveIsLost() {
        DriveIo io = openDrive();
        assertThat(io.translate(new FileSystemException("/x", null, "Input/output error"), "read"))
                .isInstanceOf(DriveOfflineException.class);
        assertThat(io.translate(new FileSystemException("/x", null, "Read-only file system"), "write"))
                .isInstanceOf(DriveOfflineException.class);
    }

    @Test
    void missingFileIsNotFoundOnlyWhileTheDriveIsThere() throws IOException {
        DriveIo io = openDrive();
        assertThat(io.translate(new NoSuchFileException("/x"), "read")).isInstanceOf(NotFoundException.class);
        DriveIo.deleteTree(root);
        assertThat(io.translate(new NoSuchFileException("/x"), "read")).isInstanceOf(DriveOfflineException.class);
        assertThat(io.translate(new IOException("anything"), "read")).isInstanceOf(DriveOfflineException.class);
    }
}
