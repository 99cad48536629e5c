package io.cairn.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * What one drive holds of a bucket, read straight from its files (docs/FORMAT.md): for every key its
 * {@code .manifest} and the shard data files {@code <key>/.data.<dir>/part.<n>}. Keys here are plain
 * ({@code [A-Za-z0-9/_-]}), so the directory path under the volume is the key.
 */
final class ShardFiles {
    private static final String DATA_DIR = "/.data.";

    private ShardFiles() {
    }

    /** Key -> shard data files of that key on the drive (every version and part). */
    static Map<String, Integer> shardCounts(Path drive, String bucket) {
        Map<String, Integer> counts = new HashMap<>();
        walk(drive, bucket, (key, file) -> {
            if (isShard(file)) {
                counts.merge(key, 1, Integer::sum);
            }
        });
        return counts;
    }

    /** Keys that have a manifest on the drive. */
    static Set<String> manifests(Path drive, String bucket) {
        Set<String> keys = new HashSet<>();
        Path volume = drive.resolve(bucket);
        if (!Files.isDirectory(volume)) {
            return keys;
        }
        try (Stream<Path> s = Files.walk(volume)) {
            s.filter(p -> p.getFileName().toString().equals(".manifest"))
                    .forEach(p -> keys.add(volume.relativize(p.getParent()).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Key -> SHA-256 of its one shard data file on the drive (keys of one version, one part). */
    static Map<String, String> shardDigests(Path drive, String bucket) {
        Map<String, String> digests = new HashMap<>();
        walk(drive, bucket, (key, file) -> {
            if (isShard(file) && digests.put(key, sha256(file)) != null) {
                throw new IllegalStateException("more than one shard file of " + key + " on " + drive);
            }
        });
        return digests;
    }

    /** The one shard data file of {@code key} on the drive. */
    static Path shardOf(Path drive, String bucket, String key) {
        Path[] found = new Path[1];
        walk(drive, bucket, (k, file) -> {
            if (k.equals(key) && isShard(file)) {
                found[0] = file;
            }
        });
        if (found[0] == null) {
            throw new IllegalStateException("no shard file of " + key + " on " + drive);
        }
        return found[0];
    }

    private static boolean isShard(Path file) {
        return file.getFileName().toString().matches("part\\.[0-9]+");
    }

    private static void walk(Path drive, String bucket, BiConsumer<String, Path> visitor) {
        Path volume = drive.resolve(bucket);
        if (!Files.isDirectory(volume)) {
            return;
        }
        try (Stream<Path> s = Files.walk(volume)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = volume.relativize(p).toString();
                int at = rel.indexOf(DATA_DIR);
                if (at > 0) {
                    visitor.accept(rel.substring(0, at), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
