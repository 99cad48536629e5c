package io.cairn.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShardStore} on a local directory of plain files; the layout and the crash behaviour of
 * every write are documented in docs/FORMAT.md, "Drive layout".
 *
 * <p>Every write goes to the temp area {@code .cairn.sys/.tmp} on the same drive, is fsynced and then
 * renamed into place, and the directories it touched are fsynced. Empty object directories are removed
 * after deletes; writers that race with that removal recreate their directories and retry the rename.
 */
public final class FileShardStore implements ShardStore {

    private static final Logger log = LoggerFactory.getLogger(FileShardStore.class);
    private static final int RENAME_ATTEMPTS = 16;

    private final DriveLayout layout;
    private final DriveIo io;
    private final String id;
    private final DriveIdentity identity;
    /** Null while the drive could not be opened (or until an empty replacement is adopted). */
    private volatile DriveFormat format;
    /** Why the drive is not used, or null; set when its identity files are found damaged. */
    private volatile String problem;

    /**
     * Opens (and on first use formats) the drive at {@code driveRoot} and empties its temp area. A
     * drive that cannot be opened does not fail construction: the store reports itself offline.
     */
    public FileShardStore(Path driveRoot) {
        this.layout = new DriveLayout(driveRoot);
        this.id = layout.root().toString();
        this.io = new DriveIo(layout, id);
        this.identity = new DriveIdentity(layout);
        open();
    }

    /**
     * Creates a drive directory and its missing parents durably (each new directory's parent fsynced), so that
     * a drive used at once survives a power loss; what the store writes inside it later fsyncs its own entries.
     */
    public static Path createDriveDir(Path driveRoot) throws IOException {
        DriveIo.createDirsDurably(driveRoot);
        return driveRoot;
    }

    private void open() {
        try {
            DriveIo.createDirsDurably(layout.tmpDir());
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(layout.tmpDir())) {
                for (Path leftover : leftovers) {
                    DriveIo.deleteTree(leftover);
                }
            }
            format = identity.open();
            problem = null;
        } catch (DriveIdentity.DamagedIdentityException e) {
            problem = e.getMessage();
            log.error("drive {} is not used: {}", layout.root(), problem);
        } catch (IOException e) {
            problem = "drive " + layout.root() + " cannot be opened: " + e;
            log.warn("drive {} cannot be opened, it stays offline: {}", layout.root(), e.toString());
        }
    }

    /**
     * Takes an empty directory in place of a lost drive into use: formats it with a new identity. Refuses a
     * drive that is online or holds anything (an unmounted disk's mount point looks empty too: the operator
     * says which, see docs/OPERATIONS.md); returns the new drive id.
     */
    public synchronized String adoptEmpty() {
        if (format != null && problem == null && io.online()) {
            throw new ShardStoreException("drive " + id + " is online, nothing to replace");
        }
        try {
            DriveIo.createDirsDurably(layout.root());
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.root())) {
                for (Path entry : entries) {
                    if (!entry.getFileName().toString().equals("lost+found")) {
                        throw new ShardStoreException("drive " + id + " is not empty (" + entry.getFileName()
                                + "): only an empty directory is taken as a replacement");
                    }
                }
            }
            DriveIo.createDirsDurably(layout.tmpDir());
            format = identity.format();
            problem = null;
            log.info("drive {} adopted as a replacement, new drive id {}", id, format.driveId());
            return format.driveId();
        } catch (IOException e) {
            throw io.translate(e, "format a replacement drive");
        }
    }

    /** The unique id written into the drive when it was formatted; survives restarts and path changes. */
    public String formatId() {
        ensureOnline();
        return format.driveId();
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Never throws: an unusable drive is reported as offline with no capacity and the reason. Checks the
     * drive's identity files on the way (repairing one from the other), so a probe notices their damage.
     */
    @Override
    public DriveInfo driveInfo() {
        if (format == null) {
            return new DriveInfo(id, false, 0, 0, problem == null ? "drive " + id + " could not be opened" : problem);
        }
        if (!io.online()) {
            return new DriveInfo(id, false, 0, 0, "drive " + id + " is missing its system area " + layout.systemDir()
                    + " (wiped, replaced or unmounted)");
        }
        String damage = identity.verify(format);
        if (damage != null && problem == null) {
            log.error("drive {} taken offline: {}", id, damage);
        }
        problem = damage;
        if (damage != null) {
            return new DriveInfo(id, false, 0, 0, damage);
        }
        try {
            FileStore store = Files.getFileStore(layout.root());
            return new DriveInfo(id, true, store.getTotalSpace(), store.getUsableSpace());
        } catch (IOException e) {
            return new DriveInfo(id, false, 0, 0, "file system of drive " + id + " unreadable: " + e);
        }
    }

    // ---- volumes ----

    @Override
    public void createVolume(String volume) {
        Path dir = volumeDir(volume);
        try {
            Files.createDirectory(dir);
            DriveIo.fsyncDir(layout.root());
        } catch (FileAlreadyExistsException e) {
            throw new VolumeExistsException("volume " + volume + " already exists on drive " + id, e);
        } catch (IOException e) {
            throw io.translate(e, "create volume " + volume);
        }
    }

    @Override
    public void deleteVolume(String volume) {
        Path dir = existingVolumeDir(volume);
        try {
            if (new KeyLister(dir, "", "").list(0).truncated()) {
                throw new VolumeNotEmptyException("volume " + volume + " on drive " + id + " holds objects");
            }
        } catch (IOException e) {
            throw io.translate(e, "list volume " + volume);
        }
        removeVolume(volume, dir);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        removeVolume(volume, existingVolumeDir(volume));
    }

    /** Renames the volume into the temp area first, so it vanishes at once even if deleting is slow. */
    private void removeVolume(String volume, Path dir) {
        if (volume.equals(DriveLayout.SYSTEM_VOLUME)) {
            throw new IllegalArgumentException("the system volume cannot be deleted");
        }
        Path trash = layout.tmpDir().resolve("volume-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            DriveIo.fsyncDir(layout.root());
            DriveIo.deleteTree(trash);
        } catch (IOException e) {
            throw io.translate(e, "delete volume " + volume);
        }
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        Path dir = volumeDir(volume);
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
            if (!attributes.isDirectory()) {
                throw new NotFoundException("volume " + volume + " not found on drive " + id);
            }
            return new VolumeInfo(volume, attributes.creationTime().toInstant());
        } catch (IOException e) {
            throw io.translate(e, "stat volume " + volume);
        }
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        ensureOnline();
        List<VolumeInfo> volumes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.root(), Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    try {
                        volumes.add(statVolume(name));
                    } catch (NotFoundException | IllegalArgumentException e) {
                        // deleted meanwhile, or a directory the store did not create
                    }
                }
            }
        } catch (IOException e) {
            throw io.translate(e, "list volumes");
        }
        volumes.sort(Comparator.comparing(VolumeInfo::name));
        return volumes;
    }

    // ---- manifests ----

    @Override
    public byte[] readManifest(String volume, String key) {
        Path file = manifestFile(volume, key);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw io.translate(e, "read manifest of " + volume + "/" + key);
        }
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        Path target = manifestFile(volume, key);
        Path tmp = layout.tmpDir().resolve("manifest-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                var bytes = ByteBuffer.wrap(manifest);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                DriveIo.fsyncFile(channel);
            }
            moveIntoPlace(tmp, target, volume);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw io.translate(e, "write manifest of " + volume + "/" + key);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    @Override
    public void deleteManifest(String volume, String key) {
        Path file = manifestFile(volume, key);
        try {
            Files.delete(file);
            DriveIo.fsyncDir(file.getParent());
        } catch (IOException e) {
            throw io.translate(e, "delete manifest of " + volume + "/" + key);
        }
        DriveIo.pruneEmptyDirs(file.getParent(), layout.volumeDir(volume));
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative list limit " + limit);
        }
        Path dir = existingVolumeDir(volume);
        try {
            return new KeyLister(dir, prefix == null ? "" : prefix, startAfter == null ? "" : startAfter).list(limit);
        } catch (IOException e) {
            throw io.translate(e, "list volume " + volume);
        }
    }

    // ---- shards ----

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        if (cellSize <= 0) {
            throw new IllegalArgumentException("cell size must be positive: " + cellSize);
        }
        layout.crcFile(shard); // validates every name before anything is written
        existingVolumeDir(shard.volume());
        try {
            return new FileShardWriter(this, shard, cellSize, layout.tmpDir());
        } catch (IOException e) {
            throw io.translate(e, "create shard " + shard);
        }
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        layout.crcFile(shard);
        ensureOnline();
        return FileShardReader.open(this, shard);
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        Path dir = layout.dataDir(volume, key, dataDir);
        ensureOnline();
        Path trash = layout.tmpDir().resolve("data-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            DriveIo.fsyncDir(dir.getParent());
            DriveIo.deleteTree(trash);
        } catch (NoSuchFileException e) {
            ensureOnline(); // absent is fine, a lost drive is not
        } catch (IOException e) {
            throw io.translate(e, "delete data dir " + dataDir + " of " + volume + "/" + key);
        }
        DriveIo.pruneEmptyDirs(dir.getParent(), layout.volumeDir(volume));
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        Path source = layout.dataDir(srcVolume, srcKey, dataDir);
        Path target = layout.dataDir(dstVolume, dstKey, dataDir);
        ensureOnline();
        String what = "move data dir " + dataDir + " of " + srcVolume + "/" + srcKey + " to " + dstVolume + "/" + dstKey;
        if (!Files.isDirectory(source)) {
            throw new NotFoundException(what + ": source not found on drive " + id);
        }
        if (Files.exists(target)) {
            throw new ShardStoreException(what + ": target already exists on drive " + id);
        }
        try {
            moveIntoPlace(source, target, dstVolume);
            DriveIo.fsyncDir(source.getParent());
        } catch (IOException e) {
            throw io.translate(e, what);
        }
        DriveIo.pruneEmptyDirs(source.getParent(), layout.volumeDir(srcVolume));
    }

    // ---- helpers shared with the reader and writer ----

    DriveLayout layout() {
        return layout;
    }

    DriveIo io() {
        return io;
    }

    /**
     * Renames {@code source} to {@code target} atomically, creating the target's directories inside the
     * volume, then fsyncs every directory whose entries changed. A concurrent delete may remove a freshly
     * created (still empty) directory before the rename: the directories are then created again.
     */
    void moveIntoPlace(Path source, Path target, String volume) throws IOException {
        Path volumeDir = layout.volumeDir(volume);
        Path topCreated = null;
        for (int attempt = 1; ; attempt++) {
            Path created = DriveIo.createDirs(target.getParent(), volumeDir);
            topCreated = created != null && (topCreated == null || topCreated.startsWith(created)) ? created : topCreated;
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (NoSuchFileException e) {
                if (attempt == RENAME_ATTEMPTS || !Files.exists(source)) {
                    throw e;
                }
            }
        }
        Path stop = topCreated == null ? target.getParent() : topCreated.getParent();
        for (Path dir = target.getParent(); dir != null && dir.startsWith(stop); dir = dir.getParent()) {
            DriveIo.fsyncDir(dir);
        }
    }

    private void ensureOnline() {
        String why = problem;
        if (why != null) {
            throw new DriveOfflineException(why);
        }
        if (format == null) {
            throw new DriveOfflineException("drive " + id + " could not be opened");
        }
        io.ensureOnline();
    }

    private Path volumeDir(String volume) {
        Path dir = layout.volumeDir(volume);
        ensureOnline();
        return dir;
    }

    private Path existingVolumeDir(String volume) {
        Path dir = volumeDir(volume);
        if (!Files.isDirectory(dir)) {
            ensureOnline();
            throw new NotFoundException("volume " + volume + " not found on drive " + id);
        }
        return dir;
    }

    private Path manifestFile(String volume, String key) {
        Path file = layout.manifestFile(volume, key);
        ensureOnline();
        return file;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left in the temp area, which is emptied at start
        }
    }

    @Override
    public String toString() {
        return "FileShardStore[" + id + "]";
    }
}
