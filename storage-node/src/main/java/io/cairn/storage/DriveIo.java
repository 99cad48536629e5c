package io.cairn.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File system primitives of one drive and the single place where {@link IOException}s become
 * {@link ShardStoreException}s: a vanished or unreadable drive root, EIO or a read-only remount mean
 * the drive is lost ({@link DriveOfflineException}); other failures keep their cause.
 */
final class DriveIo {

    private final DriveLayout layout;
    private final String id;

    DriveIo(DriveLayout layout, String id) {
        this.layout = layout;
        this.id = id;
    }

    /** A drive is usable while its system area is there: a wiped or unmounted drive has none. */
    boolean online() {
        return Files.isDirectory(layout.tmpDir());
    }

    void ensureOnline() {
        if (!online()) {
            throw new DriveOfflineException("drive " + id + " is offline: " + layout.systemDir() + " is missing or unreadable");
        }
    }

    ShardStoreException translate(IOException e, String what) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            if (!online()) {
                return new DriveOfflineException("drive " + id + " is offline while trying to " + what, e);
            }
            if (e instanceof NoSuchFileException) {
                return new NotFoundException(what + ": not found on drive " + id, e);
            }
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : "";
        if (reason.contains("Input/output error") || reason.contains("Read-only file system") || !online()) {
            return new DriveOfflineException("drive " + id + " failed to " + what + ": " + e, e);
        }
        if (reason.contains("No space left")) {
            return new ShardStoreException("drive " + id + " is full, cannot " + what, e);
        }
        return new ShardStoreException("drive " + id + " failed to " + what + ": " + e, e);
    }

    /** Makes the file's bytes durable. */
    static void fsyncFile(FileChannel channel) throws IOException {
        channel.force(true);
    }

    /** Makes a directory's entries (a rename, a new file) durable. */
    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; a missing directory is a real failure.
            if (e instanceof NoSuchFileException) {
                throw e;
            }
        }
    }

    /**
     * Creates {@code dir} and its missing parents, and fsyncs the parent of every directory it created: a
     * directory's entry is durable only once its parent is fsynced, so without this a power loss soon after a
     * drive was first used could take the drive's directories, and everything in them, away.
     */
    static void createDirsDurably(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        java.util.ArrayDeque<Path> created = new java.util.ArrayDeque<>();
        for (Path d = absolute; d != null && !Files.isDirectory(d); d = d.getParent()) {
            created.push(d);
        }
        Files.createDirectories(absolute);
        for (Path d : created) {
            fsyncDir(d.getParent());
        }
    }

    /**
     * Creates {@code dir} and its missing parents below {@code volumeDir}, which must exist (else
     * {@link NoSuchFileException}). Returns the outermost directory created, or null when none was.
     */
    static Path createDirs(Path dir, Path volumeDir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path top = null;
            Path missing = dir;
            while (!missing.equals(volumeDir) && !Files.isDirectory(missing)) {
                top = missing;
                missing = missing.getParent();
            }
            if (top == null) {
                return null;
            }
            try {
                for (Path d = top; ; d = d.resolve(dir.getName(d.getNameCount()))) {
                    try {
                        Files.createDirectory(d);
                    } catch (FileAlreadyExistsException e) {
                        // created by a concurrent writer of a sibling key
                    }
                    if (d.equals(dir)) {
                        return top;
                    }
                }
            } catch (NoSuchFileException e) {
                // the volume is gone, or a concurrent prune removed a parent we just created
                if (!Files.isDirectory(volumeDir) || attempt == 16) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a file or directory tree; absent is fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        } catch (NoSuchFileException e) {
            // deleted concurrently: the goal is reached
        }
    }

    /**
     * Removes {@code dir} and then its parents while they are empty, stopping below {@code stop}.
     * A concurrent writer may be creating a sibling: a non-empty or vanished directory simply ends the
     * climb, and writers retry their directory creation (see {@link FileShardStore}).
     */
    static void pruneEmptyDirs(Path dir, Path stop) {
        for (Path d = dir; d != null && !d.equals(stop) && d.startsWith(stop); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (NoSuchFileException e) {
                continue; // already gone; its parent may now be empty
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return; // best effort: an empty directory left behind is harmless
            }
        }
    }
}
