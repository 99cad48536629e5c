package io.cairn.storage.testing;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveInfo;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.KeyPaths;
import io.cairn.storage.ListPage;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeInfo;
import io.cairn.storage.VolumeNotEmptyException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A {@link ShardStore} in memory with the semantics of {@code FileShardStore}, including a CRC32C per
 * cell that is verified on read. Tests can damage it: {@link #corruptByte}, {@link #truncate} and
 * {@link #setOnline} (a lost drive). One lock guards everything: it is a test double, not a cache.
 */
public final class InMemoryShardStore implements ShardStore {

    /** The same order S3 and {@code FileShardStore} list keys in: unsigned UTF-8 bytes. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final String SYSTEM_VOLUME = ".cairn.sys";
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final long CAPACITY = 1L << 40;

    private final String id;
    private final Map<String, Volume> volumes = new TreeMap<>();
    private final AtomicInteger openWriters = new AtomicInteger();
    private boolean online = true;

    private static final class Volume {
        final Instant created = Instant.now();
        final NavigableMap<String, byte[]> manifests = new TreeMap<>(KEY_ORDER);
        /** key -> data dir -> part -> shard */
        final Map<String, Map<String, Map<String, Shard>>> data = new HashMap<>();
    }

    private static final class Shard {
        final int cellSize;
        final long length;
        final int[] crcs;
        byte[] bytes;

        Shard(int cellSize, byte[] bytes, int[] crcs) {
            this.cellSize = cellSize;
            this.length = bytes.length;
            this.bytes = bytes;
            this.crcs = crcs;
        }
    }

    public InMemoryShardStore(String id) {
        this.id = id;
        volumes.put(SYSTEM_VOLUME, new Volume());
    }

    public InMemoryShardStore() {
        this("memory");
    }

    // ---- test controls ----

    /** Takes the drive away (every call throws {@link DriveOfflineException}) or gives it back intact. */
    public synchronized void setOnline(boolean online) {
        this.online = online;
    }

    /** Flips every bit of one byte of a committed shard, leaving its checksums as they were. */
    public synchronized void corruptByte(ShardId shard, long offset) {
        Shard stored = shard(shard);
        stored.bytes[(int) offset] ^= (byte) 0xFF;
    }

    /** Cuts a committed shard's bytes to {@code length}, as a torn file would be. */
    public synchronized void truncate(ShardId shard, long length) {
        Shard stored = shard(shard);
        stored.bytes = Arrays.copyOf(stored.bytes, (int) length);
    }

    /** Writers created and neither committed nor aborted. */
    public int openWriters() {
        return openWriters.get();
    }

    /** Every stored thing as a readable line, for tests comparing states. */
    public synchronized List<String> contents() {
        List<String> out = new ArrayList<>();
        volumes.forEach((name, volume) -> {
            out.add(name + "/");
            volume.manifests.keySet().forEach(key -> out.add(name + "/" + key + " manifest"));
            volume.data.forEach((key, dirs) -> dirs.forEach((dir, parts) -> parts.keySet()
                    .forEach(part -> out.add(name + "/" + key + " " + dir + "/" + part))));
        });
        if (openWriters.get() > 0) {
            out.add(openWriters.get() + " open writers");
        }
        return out;
    }

    // ---- ShardStore ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized DriveInfo driveInfo() {
        if (!online) {
            return new DriveInfo(id, false, 0, 0);
        }
        long used = volumes.values().stream().flatMap(v -> v.data.values().stream())
                .flatMap(d -> d.values().stream()).flatMap(p -> p.values().stream())
                .mapToLong(s -> s.bytes.length).sum();
        return new DriveInfo(id, true, CAPACITY, CAPACITY - used);
    }

    @Override
    public synchronized void createVolume(String volume) {
        check(volume);
        if (volumes.containsKey(volume)) {
            throw new VolumeExistsException("volume " + volume + " already exists on drive " + id);
        }
        volumes.put(volume, new Volume());
    }

    @Override
    public synchronized void deleteVolume(String volume) {
        if (!volume(volume).manifests.isEmpty()) {
            throw new VolumeNotEmptyException("volume " + volume + " on drive " + id + " holds objects");
        }
        deleteVolumeRecursively(volume);
    }

    @Override
    public synchronized void deleteVolumeRecursively(String volume) {
        volume(volume);
        if (volume.equals(SYSTEM_VOLUME)) {
            throw new IllegalArgumentException("the system volume cannot be deleted");
        }
        volumes.remove(volume);
    }

    @Override
    public synchronized VolumeInfo statVolume(String volume) {
        return new VolumeInfo(volume, volume(volume).created);
    }

    @Override
    public synchronized List<VolumeInfo> listVolumes() {
        checkOnline();
        List<VolumeInfo> out = new ArrayList<>();
        volumes.forEach((name, volume) -> {
            if (!name.startsWith(".")) {
                out.add(new VolumeInfo(name, volume.created));
            }
        });
        return out;
    }

    @Override
    public synchronized byte[] readManifest(String volume, String key) {
        KeyPaths.validKeyBytes(key);
        byte[] manifest = volume(volume).manifests.get(key);
        if (manifest == null) {
            throw new NotFoundException("no manifest for " + volume + "/" + key + " on drive " + id);
        }
        return manifest.clone();
    }

    @Override
    public synchronized void writeManifest(String volume, String key, byte[] manifest) {
        KeyPaths.validKeyBytes(key);
        volume(volume).manifests.put(key, manifest.clone());
    }

    @Override
    public synchronized void deleteManifest(String volume, String key) {
        KeyPaths.validKeyBytes(key);
        if (volume(volume).manifests.remove(key) == null) {
            throw new NotFoundException("no manifest for " + volume + "/" + key + " on drive " + id);
        }
    }

    @Override
    public synchronized ListPage list(String volume, String prefix, String startAfter, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative list limit " + limit);
        }
        String p = prefix == null ? "" : prefix;
        String after = startAfter == null ? "" : startAfter;
        NavigableMap<String, byte[]> manifests = volume(volume).manifests;
        List<String> keys = new ArrayList<>();
        for (String key : KEY_ORDER.compare(p, after) > 0 ? manifests.tailMap(p, true).keySet()
                : manifests.tailMap(after, false).keySet()) {
            if (!key.startsWith(p)) {
                break;
            }
            if (keys.size() == limit) {
                return new ListPage(keys, true);
            }
            keys.add(key);
        }
        return new ListPage(keys, false);
    }

    @Override
    public synchronized ShardWriter createShard(ShardId shard, int cellSize) {
        checkShardId(shard);
        if (cellSize <= 0) {
            throw new IllegalArgumentException("cell size must be positive: " + cellSize);
        }
        volume(shard.volume());
        openWriters.incrementAndGet();
        return new Writer(shard, cellSize);
    }

    @Override
    public synchronized ShardReader openShard(ShardId shard) {
        Shard stored = shard(shard);
        return new Reader(shard, stored);
    }

    @Override
    public synchronized void deleteDataDir(String volume, String key, String dataDir) {
        checkName(dataDir);
        KeyPaths.validKeyBytes(key);
        Map<String, Map<String, Shard>> dirs = volume(volume).data.get(key);
        if (dirs != null) {
            dirs.remove(dataDir);
            if (dirs.isEmpty()) {
                volume(volume).data.remove(key);
            }
        }
    }

    @Override
    public synchronized void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume,
            String dstKey) {
        checkName(dataDir);
        KeyPaths.validKeyBytes(srcKey);
        KeyPaths.validKeyBytes(dstKey);
        Volume src = volume(srcVolume);
        Volume dst = volume(dstVolume);
        Map<String, Map<String, Shard>> srcDirs = src.data.get(srcKey);
        if (srcDirs == null || !srcDirs.containsKey(dataDir)) {
            throw new NotFoundException("data dir " + dataDir + " of " + srcVolume + "/" + srcKey + " not found");
        }
        if (dst.data.getOrDefault(dstKey, Map.of()).containsKey(dataDir)) {
            throw new ShardStoreException("data dir " + dataDir + " of " + dstVolume + "/" + dstKey + " already exists");
        }
        dst.data.computeIfAbsent(dstKey, k -> new HashMap<>()).put(dataDir, srcDirs.remove(dataDir));
        if (srcDirs.isEmpty()) {
            src.data.remove(srcKey);
        }
    }

    // ---- internals ----

    private void checkOnline() {
        if (!online) {
            throw new DriveOfflineException("drive " + id + " is offline");
        }
    }

    private void check(String volume) {
        if (volume == null || !VOLUME.matcher(volume).matches() || volume.equals(".") || volume.equals("..")) {
            throw new IllegalArgumentException("invalid volume name: " + volume);
        }
        checkOnline();
    }

    private Volume volume(String volume) {
        check(volume);
        Volume v = volumes.get(volume);
        if (v == null) {
            throw new NotFoundException("volume " + volume + " not found on drive " + id);
        }
        return v;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid name: " + name);
        }
    }

    private static void checkShardId(ShardId shard) {
        KeyPaths.validKeyBytes(shard.key());
        checkName(shard.dataDir());
        checkName(shard.part());
        if (shard.part().equals(".") || shard.part().equals("..") || shard.part().endsWith(".crc")) {
            throw new IllegalArgumentException("invalid part name: " + shard.part());
        }
    }

    private Shard shard(ShardId shard) {
        checkShardId(shard);
        Shard stored = volume(shard.volume()).data.getOrDefault(shard.key(), Map.of())
                .getOrDefault(shard.dataDir(), Map.of()).get(shard.part());
        if (stored == null) {
            throw new NotFoundException("shard " + shard + " not found on drive " + id);
        }
        return stored;
    }

    private synchronized void store(ShardId shard, Shard stored) {
        volume(shard.volume()).data.computeIfAbsent(shard.key(), k -> new HashMap<>())
                .computeIfAbsent(shard.dataDir(), k -> new HashMap<>()).put(shard.part(), stored);
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private final class Writer implements ShardWriter {
        private final ShardId shard;
        private final int cellSize;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Integer> crcs = new ArrayList<>();
        private boolean shortCellSeen;
        private boolean closed;

        Writer(ShardId shard, int cellSize) {
            this.shard = shard;
            this.cellSize = cellSize;
        }

        @Override
        public synchronized void append(ByteBuffer cell) {
            checkOpen();
            synchronized (InMemoryShardStore.this) {
                checkOnline();
            }
            int size = cell.remaining();
            if (size == 0) {
                return;
            }
            if (size > cellSize || shortCellSeen) {
                throw new IllegalArgumentException("cell of " + size + " bytes after " + crcs.size()
                        + " cells: only the last cell may differ from the cell size " + cellSize);
            }
            shortCellSeen = size < cellSize;
            byte[] copy = new byte[size];
            cell.duplicate().get(copy);
            bytes.writeBytes(copy);
            crcs.add(crc(ByteBuffer.wrap(copy)));
        }

        @Override
        public synchronized long length() {
            return bytes.size();
        }

        @Override
        public synchronized void commit() {
            checkOpen();
            finish();
            store(shard, new Shard(cellSize, bytes.toByteArray(), crcs.stream().mapToInt(Integer::intValue).toArray()));
        }

        @Override
        public synchronized void abort() {
            if (!closed) {
                finish();
            }
        }

        @Override
        public void close() {
            abort();
        }

        private void finish() {
            closed = true;
            openWriters.decrementAndGet();
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("shard writer of " + shard + " is already committed or aborted");
            }
        }
    }

    private final class Reader implements ShardReader {
        private final ShardId shard;
        private final Shard stored;

        Reader(ShardId shard, Shard stored) {
            this.shard = shard;
            this.stored = stored;
        }

        @Override
        public long length() {
            return stored.length;
        }

        @Override
        public int cellSize() {
            return stored.cellSize;
        }

        @Override
        public ByteBuffer readCells(long firstCell, int count) {
            synchronized (InMemoryShardStore.this) {
                checkOnline();
                if (firstCell < 0 || count < 0 || firstCell + count > stored.crcs.length) {
                    throw new IllegalArgumentException("cells [" + firstCell + ", " + (firstCell + count)
                            + ") outside shard " + shard + " of " + stored.crcs.length + " cells");
                }
                long start = firstCell * stored.cellSize;
                long end = Math.min(stored.length, (firstCell + count) * stored.cellSize);
                ByteBuffer out = ByteBuffer.allocate((int) (end - start));
                for (long cell = firstCell; cell < firstCell + count; cell++) {
                    long from = cell * stored.cellSize;
                    long to = Math.min(stored.length, from + stored.cellSize);
                    if (to > stored.bytes.length) {
                        throw new CorruptShardException("shard " + shard + " is truncated: cell " + cell + " is incomplete");
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(stored.bytes, (int) from, (int) (to - from));
                    if (crc(bytes.duplicate()) != stored.crcs[(int) cell]) {
                        throw new CorruptShardException("cell " + cell + " of shard " + shard + " fails its checksum");
                    }
                    out.put(bytes);
                }
                return out.flip();
            }
        }

        @Override
        public void close() {
        }
    }
}
