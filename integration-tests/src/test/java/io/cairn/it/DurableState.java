package io.cairn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What of a backing directory is durable, as {@link PowerLossFs} models it (see there): an id for each file and
 * directory (kept per backing inode while it has a name), each directory's durable entries, and where each file's
 * durable content is. Not thread-safe: the file system calls it under its lock.
 */
final class DurableState {

    /** Where a file's durable content is: its backing file, the side copy, or nowhere (empty). */
    private enum Durable { CURRENT, SAVED, EMPTY }

    private record Entry(long id, boolean dir) {
    }

    /** What a drop changed, for the test's log. */
    record DropSummary(int filesBefore, int dirsBefore, int filesAfter, int dirsAfter, int filesReverted) {
        @Override
        public String toString() {
            return "power loss: " + filesBefore + " files in " + dirsBefore + " directories before, " + filesAfter
                    + " in " + dirsAfter + " after (" + filesReverted + " with older or no content)";
        }
    }

    private final Path backing;
    private final Path saved;
    private final Map<Long, Long> idOfIno = new HashMap<>();
    private final Map<Long, Durable> durable = new HashMap<>();
    private final Map<Long, Map<String, Entry>> durableEntries = new HashMap<>();
    /** Files with no name left, whose durable content the side copy holds if any durable entry names them. */
    private final Set<Long> unlinked = new HashSet<>();
    private long nextId = 1;
    private long rootId;

    /** {@code saved}: a directory on the same file system for the copies of durable contents. */
    DurableState(Path backing, Path saved) throws IOException {
        this.backing = backing;
        this.saved = saved;
        baseline();
    }

    /** A file just created: not durable anywhere, its durable content empty. */
    long newFile(Path p) throws IOException {
        long id = register(p);
        durable.put(id, Durable.EMPTY);
        return id;
    }

    /** A directory just created: its durable entries are none. */
    long newDir(Path p) throws IOException {
        return register(p);
    }

    /** A file's fsync: what it holds now is its durable content. */
    void fileSynced(long id, FileChannel channel) throws IOException {
        if (unlinked.contains(id)) {
            // no name left: only a durable entry that still names it can bring this content back
            copyTo(channel, savedCopy(id));
            durable.put(id, Durable.SAVED);
        } else {
            Files.deleteIfExists(savedCopy(id));
            durable.put(id, Durable.CURRENT);
        }
    }

    /** A directory's fsync: its entries now are its durable entries. */
    void dirSynced(Path dir) throws IOException {
        durableEntries.put(idOf(dir), entries(dir));
    }

    /** Everything in the backing directory now is durable: the state after a mount or a drop. */
    void baseline() throws IOException {
        idOfIno.clear();
        durable.clear();
        durableEntries.clear();
        unlinked.clear();
        rootId = register(backing);
        snapshotTree(backing, rootId);
    }

    private void snapshotTree(Path dir, long dirId) throws IOException {
        durableEntries.put(dirId, entries(dir));
        for (Entry e : durableEntries.get(dirId).values()) {
            if (!e.dir()) {
                durable.put(e.id(), Durable.CURRENT);
            }
        }
        for (Map.Entry<String, Entry> e : durableEntries.get(dirId).entrySet()) {
            if (e.getValue().dir()) {
                snapshotTree(dir.resolve(e.getKey()), e.getValue().id());
            }
        }
    }

    /** The entries of a backing directory now, each with its id. */
    private Map<String, Entry> entries(Path dir) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                entries.put(child.getFileName().toString(), new Entry(idOf(child), isDir));
            }
        }
        return entries;
    }

    static long ino(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    /** The id of a backing file or directory; one that was never seen gets a new one (not durable anywhere). */
    long idOf(Path p) throws IOException {
        Long id = idOfIno.get(ino(p));
        if (id == null) {
            id = register(p);
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                durable.put(id, Durable.EMPTY);
            }
        }
        return id;
    }

    /** A new file or directory: a new id for its inode (which may have been another's before). */
    private long register(Path p) throws IOException {
        long id = nextId++;
        idOfIno.put(ino(p), id);
        return id;
    }

    private Path savedCopy(long id) {
        return saved.resolve(Long.toString(id));
    }

    /** Before the first change of a file since its sync: keep a copy of its durable content. */
    void beforeChange(long id, FileChannel channel) throws IOException {
        if (durable.getOrDefault(id, Durable.EMPTY) != Durable.CURRENT) {
            return;
        }
        copyTo(channel, savedCopy(id));
        durable.put(id, Durable.SAVED);
    }

    private static void copyTo(FileChannel from, Path to) throws IOException {
        try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = from.size();
            for (long at = 0; at < size; ) {
                at += from.transferTo(at, size - at, out);
            }
        }
    }

    /**
     * A file is about to lose its last name (unlink, or renamed over): its durable content must outlive the backing
     * file. Returns whether a copy was made, which {@link #lastUnlinkFailed} takes back.
     */
    boolean beforeLastUnlink(Path p, long id) throws IOException {
        if (durable.getOrDefault(id, Durable.EMPTY) != Durable.CURRENT) {
            return false;
        }
        Files.copy(p, savedCopy(id), StandardCopyOption.REPLACE_EXISTING);
        durable.put(id, Durable.SAVED);
        return true;
    }

    /** The unlink or rename announced by {@link #beforeLastUnlink} failed; the backing file still holds it. */
    void lastUnlinkFailed(long id, boolean copied) throws IOException {
        if (copied) {
            Files.deleteIfExists(savedCopy(id));
            durable.put(id, Durable.CURRENT);
        }
    }

    /** A file or directory lost its last name. */
    void afterLastUnlink(long ino, long id) {
        idOfIno.remove(ino);
        unlinked.add(id);
    }

    /**
     * The power loss: reverts the backing directory to the durable state (see {@link PowerLossFs}) and takes the
     * result as durable. No file of the backing directory may be open.
     */
    DropSummary restore() throws IOException {
        Map<Long, Path> livePath = new HashMap<>();
        int[] before = {0, 0};
        try (Stream<Path> walk = Files.walk(backing)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Long id = idOfIno.get(ino(p));
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    before[1]++;
                } else {
                    before[0]++;
                    if (id != null) {
                        livePath.put(id, p);
                    }
                }
            }
        }
        Path staging = Files.createTempDirectory(backing.getParent(), "staging-");
        int[] after = {0, 0, 0};
        rebuild(rootId, staging, livePath, new HashSet<>(Set.of(rootId)), after);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(backing)) {
            for (Path child : children) {
                deleteTree(child);
            }
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(staging)) {
            for (Path child : children) {
                Files.move(child, backing.resolve(child.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(staging);
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(saved)) {
            for (Path copy : copies) {
                Files.delete(copy);
            }
        }
        baseline();
        return new DropSummary(before[0], before[1], after[0], after[1] + 1, after[2]);
    }

    private void rebuild(long dirId, Path target, Map<Long, Path> livePath, Set<Long> seenDirs, int[] count)
            throws IOException {
        for (Map.Entry<String, Entry> e : durableEntries.getOrDefault(dirId, Map.of()).entrySet()) {
            Path to = target.resolve(e.getKey());
            long id = e.getValue().id();
            if (e.getValue().dir()) {
                // a cycle of directories renamed into each other without syncs: each comes back once
                if (seenDirs.add(id)) {
                    Files.createDirectory(to);
                    count[1]++;
                    rebuild(id, to, livePath, seenDirs, count);
                }
                continue;
            }
            count[0]++;
            switch (durable.getOrDefault(id, Durable.EMPTY)) {
                case CURRENT -> {
                    Path live = livePath.get(id);
                    if (live == null) {
                        throw new IllegalStateException("durable file " + id + " has neither a name nor a copy");
                    }
                    Files.copy(live, to);
                }
                case SAVED -> {
                    Files.copy(savedCopy(id), to);
                    count[2]++;
                }
                case EMPTY -> {
                    Files.createFile(to);
                    count[2]++;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
