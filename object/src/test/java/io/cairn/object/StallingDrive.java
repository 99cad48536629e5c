package io.cairn.object;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.ListPage;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A drive whose manifest changes (writes and deletes) can be made to stall or fail, counted from when it was
 * programmed: a stalled change waits at a gate and then happens, whatever its caller did meanwhile, as a rename
 * stuck in a file system's journal does (an interrupt does not stop it); a failed one throws and changes
 * nothing.
 */
final class StallingDrive implements ShardStore {

    private final ShardStore drive;
    private final AtomicInteger changes = new AtomicInteger();
    private volatile int stallFrom = Integer.MAX_VALUE;
    private volatile int stallTo;
    private volatile int failFrom = Integer.MAX_VALUE;
    private volatile int failTo;
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    StallingDrive(ShardStore drive) {
        this.drive = drive;
    }

    /** The {@code nth} manifest change from now (1: the next) waits at {@code opening}; {@code arrivals} counts. */
    void stall(int nth, CountDownLatch arrivals, CountDownLatch opening) {
        arrived = arrivals;
        gate = opening;
        stallFrom = changes.get() + nth;
        stallTo = stallFrom;
    }

    /** The {@code nth} manifest change from now fails without happening. */
    void fail(int nth) {
        failFrom = changes.get() + nth;
        failTo = failFrom;
    }

    private void change(Runnable apply) {
        int n = changes.incrementAndGet();
        if (n >= failFrom && n <= failTo) {
            throw new ShardStoreException("injected failure of manifest change " + n + " on " + drive.id());
        }
        if (n >= stallFrom && n <= stallTo) {
            arrived.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (gate.await(30, TimeUnit.SECONDS)) {
                        break;
                    }
                    throw new IllegalStateException("gate never opened");
                } catch (InterruptedException e) {
                    interrupted = true; // the caller gave up; the change happens all the same
                }
            }
            apply.run();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        apply.run();
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        change(() -> drive.writeManifest(volume, key, manifest));
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        change(() -> drive.writeManifest(volume, key, manifest, fencingToken));
    }

    @Override
    public void deleteManifest(String volume, String key) {
        change(() -> drive.deleteManifest(volume, key));
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        change(() -> drive.deleteManifest(volume, key, fencingToken));
    }

    @Override
    public String id() {
        return drive.id();
    }

    @Override
    public DriveInfo driveInfo() {
        return drive.driveInfo();
    }

    @Override
    public void createVolume(String volume) {
        drive.createVolume(volume);
    }

    @Override
    public void deleteVolume(String volume) {
        drive.deleteVolume(volume);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        drive.deleteVolumeRecursively(volume);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        return drive.statVolume(volume);
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        return drive.listVolumes();
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        return drive.readManifest(volume, key);
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        return drive.list(volume, prefix, startAfter, limit);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        return drive.createShard(shard, cellSize);
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        return drive.openShard(shard);
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        drive.deleteDataDir(volume, key, dataDir);
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
    }
}
