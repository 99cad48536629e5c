package io.cairn.storage;

import java.io.Closeable;
import java.util.List;

/**
 * One drive as the object layer sees it: volumes (a bucket, or a system area), per-key manifests that
 * are replaced atomically, and shard files written to a temporary name and committed atomically.
 *
 * <p>A shard is addressed by (volume, key, dataDir, part): {@code dataDir} is a unique name per object
 * version chosen by the caller, {@code part} names one erasure-coded segment of that version (for
 * example {@code part.1}). Shards are stored in cells of a fixed size chosen at creation; every cell
 * carries a CRC32C checksum that is verified on every read.
 *
 * <p>All methods are blocking and thread-safe. Failures are reported as {@link ShardStoreException}
 * subclasses: absence ({@link NotFoundException}) is always distinct from corruption
 * ({@link CorruptShardException}) and from an unusable drive ({@link DriveOfflineException}).
 */
public interface ShardStore extends Closeable {

    /** A short, stable name of this drive for logs and metrics (for example its path or node:drive). */
    String id();

    /** Capacity and state of the drive. */
    DriveInfo driveInfo();

    // ---- volumes ----

    /** Creates a volume; throws {@link VolumeExistsException} when it already exists. */
    void createVolume(String volume);

    /** Deletes an empty volume; {@link VolumeNotEmptyException} when it holds any manifest. */
    void deleteVolume(String volume);

    /** Deletes a volume and everything in it. */
    void deleteVolumeRecursively(String volume);

    /** Throws {@link NotFoundException} when the volume does not exist. */
    VolumeInfo statVolume(String volume);

    /** All volumes in name order, system volumes (names starting with '.') excluded. */
    List<VolumeInfo> listVolumes();

    // ---- manifests (small metadata documents, one per key) ----

    /** Reads the manifest of a key; {@link NotFoundException} when the key has none. */
    byte[] readManifest(String volume, String key);

    /** Atomically replaces (or creates) the manifest of a key: temp file, fsync, rename, fsync dir. */
    void writeManifest(String volume, String key, byte[] manifest);

    /**
     * {@link #writeManifest(String, String, byte[])} by a writer holding fencing token {@code fencingToken}
     * (see {@link KeyFence}): a fencing store refuses it with {@link StaleFencingTokenException} when it holds
     * a higher token for the key. Stores that do not fence ignore the token.
     */
    default void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        writeManifest(volume, key, manifest);
    }

    /** Deletes the manifest of a key and, when nothing else is left, its directory. */
    void deleteManifest(String volume, String key);

    /**
     * {@link #deleteManifest(String, String)} by a writer holding fencing token {@code fencingToken}, judged as
     * {@link #writeManifest(String, String, byte[], long)} is: a fencing store refuses it with
     * {@link StaleFencingTokenException}, deleting nothing, when it holds a higher token for the key, and
     * otherwise stores the token as the key's highest, so a delete can never remove a newer writer's manifest.
     * Stores that do not fence ignore the token.
     */
    default void deleteManifest(String volume, String key, long fencingToken) {
        deleteManifest(volume, key);
    }

    /**
     * Keys that have a manifest in {@code volume}, starting with {@code prefix}, strictly after
     * {@code startAfter} (may be empty), in ascending order of their UTF-8 bytes, at most {@code limit}.
     */
    ListPage list(String volume, String prefix, String startAfter, int limit);

    // ---- shards ----

    /**
     * Starts writing a shard to a temporary name. Nothing is visible at the final name before
     * {@link ShardWriter#commit()}.
     */
    ShardWriter createShard(ShardId shard, int cellSize);

    /** Opens a committed shard for reading; {@link NotFoundException} when it does not exist. */
    ShardReader openShard(ShardId shard);

    /** Deletes a version's data directory (all its parts); absent is not an error. */
    void deleteDataDir(String volume, String key, String dataDir);

    /**
     * Atomically moves a committed data directory to another key (multipart completion moves the
     * upload's parts into the object). The target must not exist.
     */
    void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey);

    @Override
    default void close() {
    }
}
