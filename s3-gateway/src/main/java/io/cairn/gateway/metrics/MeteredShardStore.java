package io.cairn.gateway.metrics;

import com.codahale.metrics.Counter;
import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveInfo;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ListPage;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A drive that counts its failures for operators: checksum failures ({@link CorruptShardException}) and
 * I/O errors ({@link DriveOfflineException}), including those raised by the shard readers and writers it
 * opens. Everything else passes through unchanged, exceptions included.
 */
public final class MeteredShardStore implements ShardStore {

    private final ShardStore drive;
    private final Counter ioErrors;
    private final Counter checksumFailures;

    public MeteredShardStore(ShardStore drive, Counter ioErrors, Counter checksumFailures) {
        this.drive = drive;
        this.ioErrors = ioErrors;
        this.checksumFailures = checksumFailures;
    }

    /** The drive this one meters. */
    public ShardStore delegate() {
        return drive;
    }

    private <T> T metered(Supplier<T> call) {
        try {
            return call.get();
        } catch (CorruptShardException e) {
            checksumFailures.inc();
            throw e;
        } catch (DriveOfflineException e) {
            ioErrors.inc();
            throw e;
        }
    }

    private void metered(Runnable call) {
        metered(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public String id() {
        return drive.id();
    }

    @Override
    public DriveInfo driveInfo() {
        return metered(drive::driveInfo);
    }

    @Override
    public void createVolume(String volume) {
        metered(() -> drive.createVolume(volume));
    }

    @Override
    public void deleteVolume(String volume) {
        metered(() -> drive.deleteVolume(volume));
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        metered(() -> drive.deleteVolumeRecursively(volume));
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        return metered(() -> drive.statVolume(volume));
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        return metered(drive::listVolumes);
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        return metered(() -> drive.readManifest(volume, key));
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        metered(() -> drive.writeManifest(volume, key, manifest));
    }

    @Override
    public void deleteManifest(String volume, String key) {
        metered(() -> drive.deleteManifest(volume, key));
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        return metered(() -> drive.list(volume, prefix, startAfter, limit));
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        return new Writer(metered(() -> drive.createShard(shard, cellSize)));
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        return new Reader(metered(() -> drive.openShard(shard)));
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        metered(() -> drive.deleteDataDir(volume, key, dataDir));
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        metered(() -> drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey));
    }

    @Override
    public void close() {
        drive.close();
    }

    @Override
    public String toString() {
        return drive.toString();
    }

    private final class Reader implements ShardReader {
        private final ShardReader in;

        Reader(ShardReader in) {
            this.in = in;
        }

        @Override
        public long length() {
            return in.length();
        }

        @Override
        public int cellSize() {
            return in.cellSize();
        }

        @Override
        public ByteBuffer readCells(long firstCell, int count) {
            return metered(() -> in.readCells(firstCell, count));
        }

        @Override
        public void close() {
            in.close();
        }
    }

    private final class Writer implements ShardWriter {
        private final ShardWriter out;

        Writer(ShardWriter out) {
            this.out = out;
        }

        @Override
        public void append(ByteBuffer cell) {
            metered(() -> out.append(cell));
        }

        @Override
        public long length() {
            return out.length();
        }

        @Override
        public void commit() {
            metered(out::commit);
        }

        @Override
        public void abort() {
            out.abort();
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
