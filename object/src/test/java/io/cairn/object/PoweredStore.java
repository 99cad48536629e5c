package io.cairn.object;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A drive as one process sees it, behind that process's power switch: once the switch is off, nothing of the
 * process reaches the drive any more (every call fails and changes nothing), as when the process is killed.
 * The drive itself, and what was written before, lives on for the next process. The switch can be set to go
 * off at the N-th change made to any of the process's drives, which is the crash point.
 */
final class PoweredStore implements ShardStore {

    /** One process's power: shared by all of its drives. */
    static final class Power {
        private final AtomicLong changes = new AtomicLong();
        private final java.util.concurrent.atomic.AtomicInteger landing = new java.util.concurrent.atomic.AtomicInteger();
        private volatile long offAt = Long.MAX_VALUE;
        private volatile boolean off;
        private volatile double slowChance;
        private volatile long slowMillis;
        private final java.util.Random random = new java.util.Random(1);

        /**
         * A {@code chance} of each change being slow: it lands {@code millis} later whatever its caller does
         * meanwhile (a rename stuck in the file system's journal cannot be interrupted), so a caller that timed
         * out sees a failure of a change that still happens.
         */
        void slow(double chance, long millis) {
            slowChance = chance;
            slowMillis = millis;
        }

        /** Waits until no slow change of this process is still to land (a process exits after its calls). */
        void awaitLanded() {
            long deadline = System.currentTimeMillis() + 60_000;
            while (landing.get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** Runs a change that passed {@link #change()}, late when it is one of the slow ones. */
        void land(Runnable change) {
            boolean slow;
            synchronized (random) {
                slow = slowChance > 0 && random.nextDouble() < slowChance;
            }
            if (!slow) {
                change.run();
                return;
            }
            landing.incrementAndGet();
            try {
                long until = System.currentTimeMillis() + slowMillis;
                boolean interrupted = false;
                for (long left = slowMillis; left > 0; left = until - System.currentTimeMillis()) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                change.run();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                landing.decrementAndGet();
            }
        }

        /** Goes off at the {@code n}-th change from now (1: the next change is not made). */
        void offAfter(long n) {
            offAt = changes.get() + n;
        }

        void off() {
            off = true;
        }

        boolean isOff() {
            return off;
        }

        long changes() {
            return changes.get();
        }

        void check() {
            if (off) {
                throw new DriveOfflineException("the process is dead");
            }
        }

        /** Before a change: counts it, and fails it (and everything after) at the crash point. */
        void change() {
            check();
            if (changes.incrementAndGet() >= offAt) {
                off = true;
                throw new DriveOfflineException("the process died");
            }
        }
    }

    private final ShardStore drive;
    private final Power power;

    PoweredStore(ShardStore drive, Power power) {
        this.drive = drive;
        this.power = power;
    }

    @Override
    public String id() {
        return drive.id();
    }

    @Override
    public DriveInfo driveInfo() {
        return power.isOff() ? new DriveInfo(drive.id(), false, 0, 0) : drive.driveInfo();
    }

    @Override
    public void createVolume(String volume) {
        power.change();
        drive.createVolume(volume);
    }

    @Override
    public void deleteVolume(String volume) {
        power.change();
        drive.deleteVolume(volume);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        power.change();
        drive.deleteVolumeRecursively(volume);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        power.check();
        return drive.statVolume(volume);
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        power.check();
        return drive.listVolumes();
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        power.check();
        return drive.readManifest(volume, key);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        power.change();
        power.land(() -> drive.writeManifest(volume, key, manifest));
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        power.change();
        power.land(() -> drive.writeManifest(volume, key, manifest, fencingToken));
    }

    @Override
    public void deleteManifest(String volume, String key) {
        power.change();
        power.land(() -> drive.deleteManifest(volume, key));
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        power.change();
        power.land(() -> drive.deleteManifest(volume, key, fencingToken));
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        power.check();
        return drive.list(volume, prefix, startAfter, limit);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        power.check();
        ShardWriter w = drive.createShard(shard, cellSize);
        return new ShardWriter() {
            @Override
            public void append(ByteBuffer cell) {
                power.check();
                w.append(cell);
            }

            @Override
            public long length() {
                return w.length();
            }

            @Override
            public void commit() {
                try {
                    power.change();
                } catch (RuntimeException e) {
                    w.abort();
                    throw e;
                }
                power.land(w::commit);
            }

            @Override
            public void abort() {
                w.abort();
            }

            @Override
            public void close() {
                w.close();
            }
        };
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        power.check();
        ShardReader r = drive.openShard(shard);
        return new ShardReader() {
            @Override
            public long length() {
                return r.length();
            }

            @Override
            public int cellSize() {
                return r.cellSize();
            }

            @Override
            public ByteBuffer readCells(long firstCell, int count) {
                power.check();
                return r.readCells(firstCell, count);
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        power.change();
        power.land(() -> drive.deleteDataDir(volume, key, dataDir));
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        power.change();
        power.land(() -> drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey));
    }
}
