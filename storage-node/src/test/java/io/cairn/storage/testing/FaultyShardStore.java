package io.cairn.storage.testing;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ListPage;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link ShardStore} decorator that fails, delays or corrupts programmed calls, for testing how the
 * layers above survive a misbehaving drive:
 * <pre>
 *   faulty.failOn(Op.COMMIT).always();                        // every commit: DriveOfflineException
 *   faulty.failOn(Op.READ_MANIFEST).onCall(2);                // only the 2nd call from now on
 *   faulty.failOn(Op.WRITE_MANIFEST).with(() -&gt; new ShardStoreException("EIO")).always();
 *   faulty.delay(Op.READ_CELLS, Duration.ofSeconds(5));
 *   faulty.corruptReads();                                    // readCells returns damaged bytes
 *   faulty.offline();                                         // the drive is gone
 *   faulty.heal();                                            // back to a healthy drive
 * </pre>
 * Call numbers count calls of that operation made after the fault was programmed, starting at 1.
 * A failed {@link Op#COMMIT} aborts the underlying write, like a real commit that did not happen.
 */
public final class FaultyShardStore implements ShardStore {

    /** The operations faults can be attached to. */
    public enum Op {
        DRIVE_INFO, CREATE_VOLUME, DELETE_VOLUME, DELETE_VOLUME_RECURSIVELY, STAT_VOLUME, LIST_VOLUMES,
        READ_MANIFEST, WRITE_MANIFEST, DELETE_MANIFEST, LIST, CREATE_SHARD, APPEND, COMMIT, OPEN_SHARD,
        READ_CELLS, DELETE_DATA_DIR, MOVE_DATA_DIR
    }

    private final ShardStore delegate;
    private final Map<Op, Fault> faults = new EnumMap<>(Op.class);
    private final Map<Op, Duration> delays = new EnumMap<>(Op.class);
    private final Map<Op, Long> calls = new EnumMap<>(Op.class);
    private boolean corruptReads;
    private boolean offline;

    private record Fault(long firstCall, long lastCall, long countedFrom, Supplier<RuntimeException> error) {
    }

    public FaultyShardStore(ShardStore delegate) {
        this.delegate = delegate;
    }

    /** Starts programming a failure of {@code op}; finish with {@link FaultBuilder#always()} or a call number. */
    public FaultBuilder failOn(Op op) {
        return new FaultBuilder(op);
    }

    /**
     * Every operation fails with {@link DriveOfflineException} and {@link #driveInfo()} reports the
     * drive offline, as if it was pulled.
     */
    public synchronized FaultyShardStore offline() {
        offline = true;
        return this;
    }

    /** Each call of {@code op} sleeps {@code delay} before running. */
    public synchronized FaultyShardStore delay(Op op, Duration delay) {
        delays.put(op, delay);
        return this;
    }

    /** Bytes returned by {@code readCells} have their first byte flipped (silent corruption). */
    public synchronized FaultyShardStore corruptReads() {
        corruptReads = true;
        return this;
    }

    /** Clears every fault, delay and corruption. */
    public synchronized FaultyShardStore heal() {
        faults.clear();
        delays.clear();
        corruptReads = false;
        offline = false;
        return this;
    }

    /** How many times {@code op} was called (including failed calls). */
    public synchronized long calls(Op op) {
        return calls.getOrDefault(op, 0L);
    }

    public ShardStore delegate() {
        return delegate;
    }

    /** Programs when and how one operation fails. */
    public final class FaultBuilder {
        private final Op op;
        private Supplier<RuntimeException> error;

        private FaultBuilder(Op op) {
            this.op = op;
            this.error = () -> new DriveOfflineException("injected fault: " + op + " on drive " + delegate.id());
        }

        /** The exception to throw instead of {@link DriveOfflineException}; a fresh one per failure. */
        public FaultBuilder with(Supplier<? extends RuntimeException> error) {
            this.error = error::get;
            return this;
        }

        public FaultyShardStore always() {
            return between(1, Long.MAX_VALUE);
        }

        /** Fails only the {@code n}th call from now on (1 = the next call). */
        public FaultyShardStore onCall(long n) {
            return between(n, n);
        }

        /** Fails calls {@code first} to {@code last} from now on, inclusive. */
        public FaultyShardStore between(long first, long last) {
            synchronized (FaultyShardStore.this) {
                faults.put(op, new Fault(first, last, calls(op), error));
            }
            return FaultyShardStore.this;
        }
    }

    /** Counts the call, sleeps any programmed delay, then throws any programmed failure. */
    private void enter(Op op) {
        Duration delay;
        RuntimeException failure = null;
        synchronized (this) {
            long n = calls.merge(op, 1L, Long::sum);
            if (offline) {
                throw new DriveOfflineException("injected fault: drive " + delegate.id() + " is offline");
            }
            delay = delays.get(op);
            Fault fault = faults.get(op);
            if (fault != null) {
                long nth = n - fault.countedFrom();
                if (nth >= fault.firstCall() && nth <= fault.lastCall()) {
                    failure = fault.error().get();
                }
            }
        }
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriveOfflineException("interrupted while delaying " + op, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public DriveInfo driveInfo() {
        synchronized (this) {
            if (offline) {
                return new DriveInfo(delegate.id(), false, 0, 0);
            }
        }
        enter(Op.DRIVE_INFO);
        return delegate.driveInfo();
    }

    @Override
    public void createVolume(String volume) {
        enter(Op.CREATE_VOLUME);
        delegate.createVolume(volume);
    }

    @Override
    public void deleteVolume(String volume) {
        enter(Op.DELETE_VOLUME);
        delegate.deleteVolume(volume);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        enter(Op.DELETE_VOLUME_RECURSIVELY);
        delegate.deleteVolumeRecursively(volume);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        enter(Op.STAT_VOLUME);
        return delegate.statVolume(volume);
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        enter(Op.LIST_VOLUMES);
        return delegate.listVolumes();
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        enter(Op.READ_MANIFEST);
        return delegate.readManifest(volume, key);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        enter(Op.WRITE_MANIFEST);
        delegate.writeManifest(volume, key, manifest);
    }

    /** The token reaches the delegate, so a fencing drive under this decorator still judges it. */
    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        enter(Op.WRITE_MANIFEST);
        delegate.writeManifest(volume, key, manifest, fencingToken);
    }

    @Override
    public void deleteManifest(String volume, String key) {
        enter(Op.DELETE_MANIFEST);
        delegate.deleteManifest(volume, key);
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        enter(Op.DELETE_MANIFEST);
        delegate.deleteManifest(volume, key, fencingToken);
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        enter(Op.LIST);
        return delegate.list(volume, prefix, startAfter, limit);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        enter(Op.CREATE_SHARD);
        return new FaultyWriter(delegate.createShard(shard, cellSize));
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        enter(Op.OPEN_SHARD);
        return new FaultyReader(delegate.openShard(shard));
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        enter(Op.DELETE_DATA_DIR);
        delegate.deleteDataDir(volume, key, dataDir);
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        enter(Op.MOVE_DATA_DIR);
        delegate.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultyShardStore[" + delegate + "]";
    }

    private final class FaultyWriter implements ShardWriter {
        private final ShardWriter writer;

        FaultyWriter(ShardWriter writer) {
            this.writer = writer;
        }

        @Override
        public void append(ByteBuffer cell) {
            enter(Op.APPEND);
            writer.append(cell);
        }

        @Override
        public long length() {
            return writer.length();
        }

        @Override
        public void commit() {
            try {
                enter(Op.COMMIT);
            } catch (RuntimeException e) {
                writer.abort();
                throw e;
            }
            writer.commit();
        }

        @Override
        public void abort() {
            writer.abort();
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    private final class FaultyReader implements ShardReader {
        private final ShardReader reader;

        FaultyReader(ShardReader reader) {
            this.reader = reader;
        }

        @Override
        public long length() {
            return reader.length();
        }

        @Override
        public int cellSize() {
            return reader.cellSize();
        }

        @Override
        public ByteBuffer readCells(long firstCell, int count) {
            enter(Op.READ_CELLS);
            ByteBuffer cells = reader.readCells(firstCell, count);
            boolean corrupt;
            synchronized (FaultyShardStore.this) {
                corrupt = corruptReads;
            }
            if (corrupt && cells.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(cells.remaining()).put(cells.duplicate()).flip();
                copy.put(0, (byte) (copy.get(0) ^ 0xFF));
                return copy;
            }
            return cells;
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
