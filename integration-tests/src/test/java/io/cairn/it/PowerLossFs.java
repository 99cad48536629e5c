package io.cairn.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Assumptions;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * A FUSE file system that passes every operation through to a backing directory and forgets, on command, every
 * change that was not made durable: what a power loss does to a disk whose cache the kernel had not flushed.
 *
 * <p>The model is strict POSIX, stricter than any journalling file system:
 * <ul>
 * <li>a regular file's data and size are durable only after {@code fsync} or {@code fdatasync} of that file; until
 *     then its durable content is what it held at its last sync (empty for a file created since);</li>
 * <li>a directory's entries (names and which file or directory each names) are durable only after {@code fsync}
 *     of that directory (FUSE {@code fsyncdir}): create, mkdir, unlink, rmdir, link and both halves of a rename
 *     are changes of the directories they touch. Fsyncing a file does not make its name durable, nor does
 *     fsyncing a directory make its parent's entry of it durable;</li>
 * <li>{@link #dropUnsynced()} rebuilds the tree from the durable state alone: from the root, each directory holds
 *     its durable entries, each file its durable content. So a file fsynced but never named durably vanishes, a
 *     file unlinked or renamed over without a directory sync comes back with its durable content, a rename undone
 *     in one directory and not the other leaves the file under both names or neither.</li>
 * </ul>
 * {@link DurableState} keeps the bookkeeping: files and directories are identified by an id, kept for each backing
 * inode while it has a name (so a name's durable entry keeps pointing at the same file through renames). The
 * durable content of a file whose backing file no longer holds it (changed since its sync, or unlinked) is a copy
 * in a side directory, made at the first change after a sync (copy on write) or at its unlink. Permissions, times
 * and owners pass through and are not modelled; hard links come back as copies; symbolic links are refused.
 * Everything that changes state runs under one lock: simple and correct rather than fast.
 *
 * <p>Mounted with {@code hard_remove} (unlink is passed through even for open files; no {@code .fuse_hidden}
 * files) and zero cache timeouts, so that after a drop the kernel asks again for every name and size.
 */
final class PowerLossFs extends FuseStubFS implements AutoCloseable {

    private record Handle(FileChannel channel, long id) {
    }

    private static final int O_ACCMODE = 3;
    private static final int O_RDONLY = 0;
    private static final int O_TRUNC = 01000;

    private final Path mountPoint;
    private final Path backing;
    private final Path saved;
    private final Object lock = new Object();
    private final DurableState state;
    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong fsyncdirs = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastChange = System.nanoTime();
    private volatile boolean keepBacking;
    /** A test JVM that exits without closing (killed by a timeout) leaves no mount behind. */
    private final Thread unmountAtExit = new Thread(this::lazyUnmount, "power-loss-fs-unmount");

    private PowerLossFs(Path root) throws IOException {
        this.mountPoint = Files.createDirectories(root.resolve("mnt"));
        this.backing = Files.createDirectories(root.resolve("backing"));
        this.saved = Files.createDirectories(root.resolve("saved"));
        this.state = new DurableState(backing, saved);
    }

    /**
     * Skips the calling test where FUSE is not available. On CI (environment {@code CI=true}) missing software is
     * a failure, since {@code .ci/run} installs it; a machine whose kernel or container offers no
     * {@code /dev/fuse} is skipped there too, loudly: nothing a script can install gives it one.
     */
    static void assumeAvailable() {
        String missing = missing();
        boolean noDevice = missing != null && missing.startsWith("/dev/fuse");
        if (missing != null && !noDevice && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have FUSE: " + missing);
        }
        if (noDevice) {
            System.err.println("POWER-LOSS TESTS SKIPPED: " + missing);
        }
        Assumptions.assumeTrue(missing == null,
                () -> missing + " (apt-get install fuse libfuse2; .ci/run does)");
    }

    /** Why FUSE cannot be mounted here, or null. */
    private static String missing() {
        Path device = Path.of("/dev/fuse");
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return "/dev/fuse is missing or not accessible";
        }
        boolean fusermount = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "fusermount")));
        if (!fusermount) {
            return "fusermount is not installed";
        }
        try {
            Process ldconfig = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
            String libraries = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldconfig.waitFor(10, TimeUnit.SECONDS);
            return libraries.contains("libfuse.so.2") ? null : "libfuse.so.2 (libfuse 2) is not installed";
        } catch (IOException e) {
            return "ldconfig cannot tell whether libfuse.so.2 is installed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Mounts a new, empty file system at {@code root}/mnt, backed by {@code root}/backing; {@link #close()}
     * unmounts it.
     */
    static PowerLossFs mountAt(Path root) throws IOException {
        PowerLossFs fs = new PowerLossFs(root);
        fs.mount(fs.mountPoint, false, false, new String[] {"-o",
                "hard_remove,entry_timeout=0,attr_timeout=0,negative_timeout=0,big_writes,max_write=131072,"
                        + "fsname=powerloss"});
        fs.awaitMounted();
        Runtime.getRuntime().addShutdownHook(fs.unmountAtExit);
        return fs;
    }

    Path mountPoint() {
        return mountPoint;
    }

    /** How many fsync (files) and fsyncdir (directories) calls reached the file system. */
    long fsyncs() {
        return fsyncs.get();
    }

    long fsyncdirs() {
        return fsyncdirs.get();
    }

    private void awaitMounted() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!mounted()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("FUSE file system not mounted at " + mountPoint + " within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while mounting", e);
            }
        }
    }

    private boolean mounted() throws IOException {
        String target = " " + mountPoint.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.contains(target));
    }

    /** After a failed test: {@link #close()} leaves the backing directory (the drives) for a look. */
    void keepBackingOnClose() {
        keepBacking = true;
    }

    /** Unmounts (also after a failed test) and removes the backing and side directories. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(unmountAtExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        try {
            umount();
        } catch (RuntimeException e) {
            // tried again below
        }
        if (mounted()) {
            lazyUnmount();
        }
        if (!keepBacking) {
            DurableState.deleteTree(backing);
        }
        DurableState.deleteTree(saved);
        Files.deleteIfExists(mountPoint);
    }

    private void lazyUnmount() {
        try {
            new ProcessBuilder("fusermount", "-u", "-z", mountPoint.toString()).inheritIO().start()
                    .waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The power loss: reverts the backing directory to the durable state (see the class comment) and takes the
     * result as durable. Nothing may use the mount meanwhile (the server is dead); open files are closed.
     */
    DurableState.DropSummary dropUnsynced() throws IOException {
        awaitQuiet();
        synchronized (lock) {
            for (Handle h : handles.values()) {
                h.channel().close();
            }
            handles.clear();
            return state.restore();
        }
    }

    /** Requests of the dead process that libfuse still had queued land before the drop, not after it. */
    private void awaitQuiet() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 || System.nanoTime() - lastChange < TimeUnit.MILLISECONDS.toNanos(300)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the file system is still busy 30 s after the power loss");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    // ---- FUSE operations ----

    private Path backing(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.isEmpty() ? backing : backing.resolve(relative);
    }

    private static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return -ErrorCodes.ENOENT();
        } else if (e instanceof FileAlreadyExistsException) {
            return -ErrorCodes.EEXIST();
        } else if (e instanceof DirectoryNotEmptyException) {
            return -ErrorCodes.ENOTEMPTY();
        } else if (e instanceof NotDirectoryException) {
            return -ErrorCodes.ENOTDIR();
        } else if (e instanceof AccessDeniedException) {
            return -ErrorCodes.EACCES();
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            if (reason.contains("Is a directory")) {
                return -ErrorCodes.EISDIR();
            } else if (reason.contains("Not a directory")) {
                return -ErrorCodes.ENOTDIR();
            } else if (reason.contains("No space")) {
                return -ErrorCodes.ENOSPC();
            } else if (reason.contains("Invalid argument")) {
                return -ErrorCodes.EINVAL();
            }
        }
        return -ErrorCodes.EIO();
    }

    /** A state change: under the lock, counted as in flight, an I/O error as its errno. */
    private int change(IoOp op) {
        inFlight.incrementAndGet();
        try {
            synchronized (lock) {
                return op.run();
            }
        } catch (IOException e) {
            return errno(e);
        } finally {
            lastChange = System.nanoTime();
            inFlight.decrementAndGet();
        }
    }

    private interface IoOp {
        int run() throws IOException;
    }

    @Override
    public int getattr(String path, FileStat stat) {
        try {
            Map<String, Object> a = Files.readAttributes(backing(path),
                    "unix:mode,nlink,uid,gid,size,lastModifiedTime,lastAccessTime,ctime", LinkOption.NOFOLLOW_LINKS);
            stat.st_mode.set((Integer) a.get("mode"));
            stat.st_nlink.set((Integer) a.get("nlink"));
            stat.st_uid.set((Integer) a.get("uid"));
            stat.st_gid.set((Integer) a.get("gid"));
            long size = (Long) a.get("size");
            stat.st_size.set(size);
            stat.st_blksize.set(4096);
            stat.st_blocks.set((size + 511) / 512);
            setTime(stat.st_mtim, (FileTime) a.get("lastModifiedTime"));
            setTime(stat.st_atim, (FileTime) a.get("lastAccessTime"));
            setTime(stat.st_ctim, (FileTime) a.get("ctime"));
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    private static void setTime(Timespec t, FileTime time) {
        long nanos = time.to(TimeUnit.NANOSECONDS);
        t.tv_sec.set(Math.floorDiv(nanos, 1_000_000_000L));
        t.tv_nsec.set(Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public int access(String path, int mask) {
        return Files.exists(backing(path), LinkOption.NOFOLLOW_LINKS) ? 0 : -ErrorCodes.ENOENT();
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        try {
            FileStore store = Files.getFileStore(backing);
            long block = 4096;
            stbuf.f_bsize.set(block);
            stbuf.f_frsize.set(block);
            stbuf.f_blocks.set(store.getTotalSpace() / block);
            stbuf.f_bfree.set(store.getUnallocatedSpace() / block);
            stbuf.f_bavail.set(store.getUsableSpace() / block);
            stbuf.f_files.set(1_000_000);
            stbuf.f_ffree.set(1_000_000);
            stbuf.f_favail.set(1_000_000);
            stbuf.f_namemax.set(255);
            return 0;
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filter, long offset, FuseFileInfo fi) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(backing(path))) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException e) {
            return errno(e);
        }
        filter.apply(buf, ".", null, 0);
        filter.apply(buf, "..", null, 0);
        for (String name : names) {
            filter.apply(buf, name, null, 0);
        }
        return 0;
    }

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        return Files.isDirectory(backing(path), LinkOption.NOFOLLOW_LINKS) ? 0 : -ErrorCodes.ENOENT();
    }

    @Override
    public int fsyncdir(String path, FuseFileInfo fi) {
        return change(() -> {
            Path dir = backing(path);
            state.dirSynced(dir);
            fsyncdirs.incrementAndGet();
            return 0;
        });
    }

    @Override
    public int mkdir(String path, long mode) {
        return change(() -> {
            Path dir = backing(path);
            Files.createDirectory(dir);
            state.newDir(dir);
            return 0;
        });
    }

    @Override
    public int rmdir(String path) {
        return change(() -> {
            Path dir = backing(path);
            long ino = DurableState.ino(dir);
            long id = state.idOf(dir);
            Files.delete(dir);
            state.afterLastUnlink(ino, id);
            return 0;
        });
    }

    @Override
    public int create(String path, long mode, FuseFileInfo fi) {
        return change(() -> {
            Path file = backing(path);
            boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long id;
            if (existed) {
                id = state.idOf(file);
            } else {
                id = state.newFile(file);
            }
            return opened(fi, channel, id, existed && (fi.flags.get() & O_TRUNC) != 0);
        });
    }

    @Override
    public int mknod(String path, long mode, long rdev) {
        if ((mode & FileStat.S_IFMT) != FileStat.S_IFREG) {
            return -ErrorCodes.ENOSYS();
        }
        return change(() -> {
            Path file = backing(path);
            Files.createFile(file);
            state.newFile(file);
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return change(() -> {
            Path file = backing(path);
            int flags = fi.flags.get();
            boolean write = (flags & O_ACCMODE) != O_RDONLY;
            FileChannel channel = write
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
            return opened(fi, channel, state.idOf(file), write && (flags & O_TRUNC) != 0);
        });
    }

    private int opened(FuseFileInfo fi, FileChannel channel, long id, boolean truncate) throws IOException {
        if (truncate && channel.size() > 0) {
            state.beforeChange(id, channel);
            channel.truncate(0);
        }
        long fh = nextHandle.getAndIncrement();
        handles.put(fh, new Handle(channel, id));
        fi.fh.set(fh);
        return 0;
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        Handle h = handles.get(fi.fh.get());
        if (h == null) {
            return -ErrorCodes.EBADF();
        }
        try {
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining()) {
                int n = h.channel().read(bytes, offset + bytes.position());
                if (n < 0) {
                    break;
                }
            }
            buf.put(0, bytes.array(), 0, bytes.position());
            return bytes.position();
        } catch (IOException e) {
            return errno(e);
        }
    }

    @Override
    public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        Handle h = handles.get(fi.fh.get());
        if (h == null) {
            return -ErrorCodes.EBADF();
        }
        byte[] data = new byte[(int) size];
        buf.get(0, data, 0, data.length);
        return change(() -> {
            state.beforeChange(h.id(), h.channel());
            ByteBuffer bytes = ByteBuffer.wrap(data);
            while (bytes.hasRemaining()) {
                h.channel().write(bytes, offset + bytes.position());
            }
            return data.length;
        });
    }

    @Override
    public int truncate(String path, long size) {
        return change(() -> {
            try (RandomAccessFile file = new RandomAccessFile(backing(path).toFile(), "rw")) {
                state.beforeChange(state.idOf(backing(path)), file.getChannel());
                file.setLength(size);
                return 0;
            }
        });
    }

    @Override
    public int ftruncate(String path, long size, FuseFileInfo fi) {
        Handle h = handles.get(fi.fh.get());
        if (h == null) {
            return truncate(path, size);
        }
        return change(() -> {
            state.beforeChange(h.id(), h.channel());
            if (size < h.channel().size()) {
                h.channel().truncate(size);
            } else if (size > h.channel().size()) {
                h.channel().write(ByteBuffer.allocate(1), size - 1);
            }
            return 0;
        });
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        Handle h = handles.get(fi.fh.get());
        if (h == null) {
            return -ErrorCodes.EBADF();
        }
        return change(() -> {
            h.channel().force(true);
            state.fileSynced(h.id(), h.channel());
            fsyncs.incrementAndGet();
            return 0;
        });
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return 0;
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return change(() -> {
            Handle h = handles.remove(fi.fh.get());
            if (h != null) {
                h.channel().close();
            }
            return 0;
        });
    }

    @Override
    public int unlink(String path) {
        return change(() -> {
            Path file = backing(path);
            long ino = DurableState.ino(file);
            long id = state.idOf(file);
            boolean last = ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue()
                    <= 1;
            boolean copied = last && state.beforeLastUnlink(file, id);
            try {
                Files.delete(file);
            } catch (IOException e) {
                state.lastUnlinkFailed(id, copied);
                throw e;
            }
            if (last) {
                state.afterLastUnlink(ino, id);
            }
            return 0;
        });
    }

    @Override
    public int rename(String oldpath, String newpath) {
        return change(() -> renameLocked(oldpath, newpath));
    }

    private int renameLocked(String oldpath, String newpath) throws IOException {
        Path from = backing(oldpath);
        Path to = backing(newpath);
        long victimIno = -1;
        long victimId = -1;
        boolean copied = false;
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && DurableState.ino(to) != DurableState.ino(from)) {
            boolean isDir = Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS);
            int links = ((Number) Files.getAttribute(to, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
            if (isDir || links <= 1) { // else another name keeps the file
                victimIno = DurableState.ino(to);
                victimId = state.idOf(to);
                copied = !isDir && state.beforeLastUnlink(to, victimId);
            }
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            state.lastUnlinkFailed(victimId, copied);
            throw e;
        }
        if (victimIno >= 0) {
            state.afterLastUnlink(victimIno, victimId);
        }
        return 0;
    }

    @Override
    public int link(String oldpath, String newpath) {
        return change(() -> {
            Files.createLink(backing(newpath), backing(oldpath));
            return 0;
        });
    }

    @Override
    public int symlink(String oldpath, String newpath) {
        return -ErrorCodes.ENOSYS();
    }

    @Override
    public int chmod(String path, long mode) {
        return 0;
    }

    @Override
    public int chown(String path, long uid, long gid) {
        return 0;
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        return 0;
    }
}
