package io.cairn.storage;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where everything lives on a drive (docs/FORMAT.md "Drive layout"). Every name the store adds inside
 * a volume starts with '.', which {@link KeyPaths} never produces at the start of a directory name.
 */
final class DriveLayout {

    static final String SYSTEM_VOLUME = ".cairn.sys";
    static final String FORMAT_FILE = ".format.json";
    static final String TMP_DIR = ".tmp";
    static final String MANIFEST = ".manifest";
    static final String DATA_DIR_PREFIX = ".data.";
    static final String CRC_SUFFIX = ".crc";

    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Path root;

    DriveLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path systemDir() {
        return root.resolve(SYSTEM_VOLUME);
    }

    Path formatFile() {
        return systemDir().resolve(FORMAT_FILE);
    }

    Path tmpDir() {
        return systemDir().resolve(TMP_DIR);
    }

    Path volumeDir(String volume) {
        if (volume == null || !VOLUME.matcher(volume).matches() || volume.equals(".") || volume.equals("..")) {
            throw new IllegalArgumentException("invalid volume name: " + volume);
        }
        return root.resolve(volume);
    }

    Path objectDir(String volume, String key) {
        return KeyPaths.resolve(volumeDir(volume), key);
    }

    Path manifestFile(String volume, String key) {
        return objectDir(volume, key).resolve(MANIFEST);
    }

    Path dataDir(String volume, String key, String dataDir) {
        return objectDir(volume, key).resolve(DATA_DIR_PREFIX + checkName("data dir", dataDir));
    }

    Path partFile(ShardId shard) {
        return dataDir(shard.volume(), shard.key(), shard.dataDir()).resolve(partName(shard.part()));
    }

    Path crcFile(ShardId shard) {
        return dataDir(shard.volume(), shard.key(), shard.dataDir()).resolve(partName(shard.part()) + CRC_SUFFIX);
    }

    private static String partName(String part) {
        checkName("part", part);
        if (part.equals(".") || part.equals("..") || part.endsWith(CRC_SUFFIX)) {
            throw new IllegalArgumentException("invalid part name: " + part);
        }
        return part;
    }

    private static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " name: " + name);
        }
        return name;
    }
}
