package io.cairn.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The drive's identity file {@code .cairn.sys/.format.json}, written once when the drive is first used. */
record DriveFormat(String driveId, int version, Instant created) {

    static final int VERSION = 1;
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|(\\d+))");

    String toJson() {
        return "{\"format\":\"cairn-drive\",\"version\":" + version + ",\"driveId\":\"" + driveId
                + "\",\"created\":\"" + created + "\"}\n";
    }

    static DriveFormat parse(String json) {
        String id = null;
        String created = null;
        int version = -1;
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            switch (m.group(1)) {
                case "driveId" -> id = m.group(3);
                case "created" -> created = m.group(3);
                case "version" -> version = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
                default -> { }
            }
        }
        if (id == null || created == null || version < 0) {
            throw new IllegalArgumentException("not a drive format file: " + json);
        }
        return new DriveFormat(id, version, Instant.parse(created));
    }

    /** Reads the format file, creating it (temp file, fsync, rename) on a fresh drive. */
    static DriveFormat loadOrCreate(DriveLayout layout) throws IOException {
        Path file = layout.formatFile();
        try {
            DriveFormat format = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (format.version() != VERSION) {
                throw new ShardStoreException("drive " + layout.root() + " has format version "
                        + format.version() + ", this build reads version " + VERSION);
            }
            return format;
        } catch (NoSuchFileException e) {
            DriveFormat format = new DriveFormat(UUID.randomUUID().toString(), VERSION, Instant.now());
            Path tmp = layout.tmpDir().resolve("format-" + format.driveId() + ".json");
            Files.writeString(tmp, format.toJson(), StandardCharsets.UTF_8);
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                DriveIo.fsyncFile(channel);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            DriveIo.fsyncDir(layout.systemDir());
            return format;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ShardStoreException("drive " + layout.root() + " has a damaged " + file, e);
        }
    }
}
