package io.cairn.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Lists the keys of a volume in ascending UTF-8 byte order by walking escaped directories best-first.
 *
 * <p>Directory order is not key order (a segment cut into several directory levels, {@code a-c}
 * sorting before {@code a/b}), so the walk keeps a queue of directories ordered by the smallest key
 * each could hold, and opens a directory only when that bound is the smallest thing left. A directory
 * whose keys cannot start with the prefix, or must all sort before {@code startAfter}, is never opened.
 * Manifests are never read: a key exists when its directory lists a {@code .manifest} entry.
 */
final class KeyLister {

    /** How the names inside a directory continue its key: a new segment, or more of the same one. */
    private enum Kind { VOLUME, SEGMENT_END, SEGMENT_CONTINUES }

    private record Item(byte[] bound, Path dir, Kind kind) {
        boolean isKey() {
            return dir == null;
        }
    }

    private final byte[] prefix;
    private final byte[] startAfter;
    private int directoriesOpened;
    private final PriorityQueue<Item> queue =
            new PriorityQueue<>((a, b) -> {
                int c = Arrays.compareUnsigned(a.bound, b.bound);
                return c != 0 ? c : Boolean.compare(!a.isKey(), !b.isKey());
            });

    KeyLister(Path volumeDir, String prefix, String startAfter) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.startAfter = startAfter.getBytes(StandardCharsets.UTF_8);
        queue.add(new Item(new byte[0], volumeDir, Kind.VOLUME));
    }

    /** Up to {@code limit} keys; truncated when at least one more matching key exists. */
    ListPage list(int limit) throws IOException {
        List<String> keys = new ArrayList<>();
        while (!queue.isEmpty()) {
            Item item = queue.poll();
            if (!item.isKey()) {
                expand(item);
            } else if (keys.size() == limit) {
                return new ListPage(keys, true);
            } else {
                keys.add(new String(item.bound, StandardCharsets.UTF_8));
            }
        }
        return new ListPage(keys, false);
    }

    /** How many directories the listing opened: what prefix and startAfter pruning saves. */
    int directoriesOpened() {
        return directoriesOpened;
    }

    private void expand(Item item) throws IOException {
        directoriesOpened++;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(item.dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(DriveLayout.MANIFEST) && item.kind == Kind.SEGMENT_END) {
                    offerKey(item.bound);
                } else if (!name.startsWith(".")) {
                    offerDir(item, entry, name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            if (item.kind == Kind.VOLUME) {
                throw e;
            }
            // removed by a concurrent delete since its parent was listed: it holds no keys now
        }
    }

    private void offerKey(byte[] key) {
        if (startsWith(key, prefix) && Arrays.compareUnsigned(key, startAfter) > 0) {
            queue.add(new Item(key, null, null));
        }
    }

    private void offerDir(Item parent, Path dir, String name) {
        KeyPaths.Name decoded = KeyPaths.Name.parse(name);
        if (decoded == null) {
            return; // not written by the store
        }
        boolean newSegment = parent.kind == Kind.SEGMENT_END;
        byte[] bound = new byte[parent.bound.length + (newSegment ? 1 : 0) + decoded.bytes().length];
        System.arraycopy(parent.bound, 0, bound, 0, parent.bound.length);
        if (newSegment) {
            bound[parent.bound.length] = '/';
        }
        System.arraycopy(decoded.bytes(), 0, bound, bound.length - decoded.bytes().length, decoded.bytes().length);
        Kind kind = decoded.continued() ? Kind.SEGMENT_CONTINUES : Kind.SEGMENT_END;
        if (mayMatchPrefix(bound, kind) && mayFollowStartAfter(bound)) {
            queue.add(new Item(bound, dir, kind));
        }
    }

    /** Keys below a directory all start with its bound; a finished segment continues only with '/'. */
    private boolean mayMatchPrefix(byte[] bound, Kind kind) {
        if (startsWith(bound, prefix)) {
            return true;
        }
        if (!startsWith(prefix, bound)) {
            return false;
        }
        return kind == Kind.SEGMENT_CONTINUES || prefix[bound.length] == '/';
    }

    /** When the bound sorts before startAfter at a differing byte, so does every extension of it. */
    private boolean mayFollowStartAfter(byte[] bound) {
        return Arrays.compareUnsigned(bound, startAfter) > 0 || startsWith(startAfter, bound);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
