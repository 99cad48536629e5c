package io.cairn.cluster;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.KeyFence;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import java.util.function.Consumer;

/**
 * One shard slot of a placement group whose drive changed with the epoch: new state goes to the new drive,
 * and what the new drive does not hold yet is read from the previous epoch's drive of the same slot, so an
 * object is readable before, while and after its shard moves. Deletes reach both drives, so a stale copy on
 * the old drive can never come back.
 *
 * <p>When the new drive also held another slot of the same group in the previous epoch, its plain shard
 * files are that other slot's shards (one data directory holds one drive's shard of a part). The new slot's
 * shards then carry the suffix {@code .s<slot>} ({@link #shardName}), so the two never share a file name.
 *
 * <p>When the old drive belongs to a node the new epoch removed, it is <em>departing</em>: it may well be dead
 * for good, and the new drive is the only one that counts. An unreachable departing drive is then answered as
 * "not found", so that heal (which never rewrites a shard on a drive that merely did not answer) rebuilds the
 * slot's shards and manifest onto the new drive from the other shards, and deletes do not fail on it.
 */
final class MigratingDrive extends ForwardingShardStore implements KeyFence {

    private final ShardStore old;
    private final String oldId;
    private final String suffix;
    private final boolean departing;

    /**
     * {@code oldId}: the previous epoch's drive id of the slot; {@code shuffled}: the new drive held another
     * slot of the group in the previous epoch; {@code departing}: the old drive's node is not in the new epoch.
     */
    MigratingDrive(ShardStore current, ShardStore old, String oldId, int slot, boolean shuffled, boolean departing) {
        super(current);
        this.old = old;
        this.oldId = oldId;
        this.suffix = shuffled ? shardSuffix(slot) : null;
        this.departing = departing;
    }

    static String shardSuffix(int slot) {
        return ".s" + slot;
    }

    ShardStore current() {
        return drive;
    }

    ShardStore old() {
        return old;
    }

    /** The old drive's node left the cluster with the new epoch. */
    boolean departing() {
        return departing;
    }

    /** The cluster map's id of the old drive. */
    String oldId() {
        return oldId;
    }

    /** The shard's name on the new drive. */
    ShardId shardName(ShardId shard) {
        return suffix == null ? shard : new ShardId(shard.volume(), shard.key(), shard.dataDir(), shard.part() + suffix);
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        try {
            return drive.readManifest(volume, key);
        } catch (NotFoundException notMovedYet) {
            try {
                return old.readManifest(volume, key);
            } catch (DriveOfflineException e) {
                throw gone(e, volume + "/" + key);
            }
        }
    }

    /** What an unreachable old drive's failure means here: absence when it is departing. */
    private RuntimeException gone(DriveOfflineException e, String what) {
        return departing ? new NotFoundException(what + " is not on the new drive and its departing drive "
                + oldId + " does not answer: " + e.getMessage()) : e;
    }

    @Override
    public void deleteManifest(String volume, String key) {
        deleteFromBoth(d -> d.deleteManifest(volume, key));
    }

    /**
     * The token goes to the old drive too. Its highest token comes from leases of the previous epoch, which this
     * epoch's lease saw on the drives of the unmoved slots wherever the two quorums overlap there; a refusal on
     * the old drive fails this slot's delete (its new drive's copy is gone already, the old copy stays) rather
     * than remove a manifest a newer writer may have left.
     */
    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        deleteFromBoth(d -> d.deleteManifest(volume, key, fencingToken));
    }

    private void deleteFromBoth(Consumer<ShardStore> delete) {
        boolean deleted = false;
        try {
            delete.accept(drive);
            deleted = true;
        } catch (NotFoundException none) {
            // the old drive may still hold it
        }
        try {
            delete.accept(old);
        } catch (NotFoundException none) {
            if (!deleted) {
                throw none;
            }
        } catch (DriveOfflineException e) {
            if (!departing) {
                throw e;
            } else if (!deleted) {
                throw gone(e, "the manifest");
            }
        }
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        return drive.createShard(shardName(shard), cellSize);
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        try {
            return drive.openShard(shardName(shard));
        } catch (NotFoundException notMovedYet) {
            try {
                return old.openShard(shard);
            } catch (DriveOfflineException e) {
                throw gone(e, "shard " + shard.part() + " of " + shard.volume() + "/" + shard.key());
            }
        }
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        drive.deleteDataDir(volume, key, dataDir);
        try {
            old.deleteDataDir(volume, key, dataDir);
        } catch (RuntimeException e) {
            // the new drive is the one that counts; a leftover on the old drive is never read again
        }
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        try {
            drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
        } catch (NotFoundException uploadedBefore) {
            old.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
        }
    }

    @Override
    public long acquireLease(String volume, String key, String owner, long ttlMillis) {
        return fence().acquireLease(volume, key, owner, ttlMillis);
    }

    @Override
    public void fence(String volume, String key, String owner, long token) {
        fence().fence(volume, key, owner, token);
    }

    @Override
    public void releaseLease(String volume, String key, String owner) {
        fence().releaseLease(volume, key, owner);
    }

    private KeyFence fence() {
        if (drive instanceof KeyFence f) {
            return f;
        }
        throw new IllegalStateException("drive " + drive.id() + " keeps no leases");
    }

    @Override
    public void close() {
        // the underlying drives belong to the placement
    }
}
