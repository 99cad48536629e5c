package io.cairn.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a drive's identity ({@link DriveFormat}) in two files of its system area, {@code .format.json} and
 * {@code .format.copy.json}, each checksummed: one damaged or missing file is rewritten from the other and
 * the repair is logged; when neither can be read, or a file names another drive, the drive is not used and
 * the reason says why. Checked when the drive opens and again whenever its state is probed.
 */
final class DriveIdentity {

    static final String COPY_FILE = ".format.copy.json";
    private static final Logger LOG = LoggerFactory.getLogger(DriveIdentity.class);

    /** What one of the two files holds. */
    private record Read(DriveFormat format, boolean checksummed, String problem) {
        boolean ok() {
            return format != null;
        }

        boolean missing() {
            return format == null && problem == null;
        }
    }

    /** A drive whose identity cannot be trusted; the message is the reason shown to operators. */
    static final class DamagedIdentityException extends ShardStoreException {
        DamagedIdentityException(String message) {
            super(message);
        }
    }

    private final DriveLayout layout;

    DriveIdentity(DriveLayout layout) {
        this.layout = layout;
    }

    /**
     * Loads the identity, repairing one damaged file from the other; formats a drive that holds nothing.
     * Throws {@link DamagedIdentityException} when the drive's identity is lost or contradictory.
     */
    DriveFormat open() throws IOException {
        Read main = read(layout.formatFile());
        Read copy = read(copyFile());
        if (main.missing() && copy.missing()) {
            if (holdsData()) {
                throw new DamagedIdentityException("drive " + layout.root() + " holds data but no identity file "
                        + layout.formatFile() + " (nor its copy): not used, so that a disk is never taken for another");
            }
            DriveFormat fresh = new DriveFormat(UUID.randomUUID().toString(), DriveFormat.VERSION, Instant.now());
            write(layout.formatFile(), fresh);
            write(copyFile(), fresh);
            return fresh;
        }
        DriveFormat format = reconcile(main, copy, null);
        if (format.version() != DriveFormat.VERSION) {
            throw new DamagedIdentityException("drive " + layout.root() + " has format version " + format.version()
                    + ", this build reads version " + DriveFormat.VERSION);
        }
        return format;
    }

    /**
     * Checks the files of a drive opened as {@code expected}, repairing one from the other; returns null
     * when the identity is intact (again), else the reason the drive must not be used.
     */
    String verify(DriveFormat expected) {
        try {
            Read main = read(layout.formatFile());
            Read copy = read(copyFile());
            if (main.missing() && copy.missing()) {
                return "drive " + layout.root() + " lost both identity files (" + layout.formatFile() + ")";
            }
            reconcile(main, copy, expected);
            return null;
        } catch (DamagedIdentityException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "drive " + layout.root() + ": identity files unreadable: " + e;
        }
    }

    /** Writes a new identity on an empty drive (replacing a lost disk). */
    DriveFormat format() throws IOException {
        DriveFormat fresh = new DriveFormat(UUID.randomUUID().toString(), DriveFormat.VERSION, Instant.now());
        write(layout.formatFile(), fresh);
        write(copyFile(), fresh);
        return fresh;
    }

    private DriveFormat reconcile(Read main, Read copy, DriveFormat expected) throws IOException {
        if (!main.ok() && !copy.ok()) {
            throw new DamagedIdentityException("drive " + layout.root() + " has a damaged identity: "
                    + describe(layout.formatFile(), main) + "; " + describe(copyFile(), copy));
        }
        DriveFormat good = main.ok() ? main.format() : copy.format();
        if (main.ok() && copy.ok() && !main.format().driveId().equals(copy.format().driveId())) {
            throw new DamagedIdentityException("drive " + layout.root() + " has two identity files that disagree: "
                    + main.format().driveId() + " and " + copy.format().driveId());
        }
        if (expected != null && !good.driveId().equals(expected.driveId())) {
            throw new DamagedIdentityException("drive " + layout.root() + " now holds drive " + good.driveId()
                    + ", opened as " + expected.driveId() + ": another disk in its place?");
        }
        repair(layout.formatFile(), main, good);
        repair(copyFile(), copy, good);
        return good;
    }

    /** Rewrites a file that is missing, damaged or from before checksums. */
    private void repair(Path file, Read read, DriveFormat good) throws IOException {
        if (read.ok() && read.checksummed()) {
            return;
        }
        write(file, good);
        if (!read.ok()) {
            LOG.warn("drive {}: identity file {} repaired from its copy ({})", layout.root(), file,
                    read.missing() ? "it was missing" : read.problem());
        }
    }

    private static String describe(Path file, Read read) {
        return file.getFileName() + (read.missing() ? " is missing" : ": " + read.problem());
    }

    private Read read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read(null, false, null);
        } catch (CharacterCodingException e) {
            return new Read(null, false, "not UTF-8 text");
        }
        try {
            DriveFormat.Parsed parsed = DriveFormat.parse(text);
            return new Read(parsed.format(), parsed.checksummed(), null);
        } catch (IllegalArgumentException e) {
            return new Read(null, false, e.getMessage());
        }
    }

    private void write(Path file, DriveFormat format) throws IOException {
        Path tmp = layout.tmpDir().resolve("format-" + UUID.randomUUID() + ".json");
        Files.writeString(tmp, format.toJson(), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            DriveIo.fsyncFile(channel);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DriveIo.fsyncDir(layout.systemDir());
    }

    /** Anything besides the empty system area (and a file system's lost+found) counts as data. */
    private boolean holdsData() throws IOException {
        try (DirectoryStream<Path> top = Files.newDirectoryStream(layout.root())) {
            for (Path p : top) {
                String name = p.getFileName().toString();
                if (!name.equals(DriveLayout.SYSTEM_VOLUME) && !name.equals("lost+found")) {
                    return true;
                }
            }
        }
        try (DirectoryStream<Path> sys = Files.newDirectoryStream(layout.systemDir())) {
            for (Path p : sys) {
                if (!p.getFileName().toString().equals(DriveLayout.TMP_DIR)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Path copyFile() {
        return layout.systemDir().resolve(COPY_FILE);
    }
}
