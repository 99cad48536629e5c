package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.KeyFence;
import io.cairn.storage.ListPage;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One drive of a remote storage node as a {@link ShardStore}. Every call is one signed request over the
 * node's {@link NodeConnectionPool}; the node's exceptions come back as the same types (their message
 * names the node), and network failures and timeouts are {@link io.cairn.storage.DriveOfflineException}s.
 * Cells are checked against their CRC32C on both ends of the wire. Leases and fencing tokens
 * ({@link KeyFence}) are answered by the node when its drive keeps them.
 */
public final class StorageNodeClient implements ShardStore, KeyFence {

    /** Manifests and listings are small; anything larger is a broken node. */
    private static final long MAX_SMALL_ANSWER = 64L * 1024 * 1024;

    private final NodeConnectionPool pool;
    private final String drive;
    private final String id;

    public StorageNodeClient(NodeConnectionPool pool, String drive) {
        NodeProtocol.checkDriveId(drive);
        this.pool = pool;
        this.drive = drive;
        this.id = pool.name() + "/" + drive;
    }

    @Override
    public String id() {
        return id;
    }

    /** Never throws: an unreachable node's drive is reported offline. */
    @Override
    public DriveInfo driveInfo() {
        try {
            WireIn in = new WireIn(call("driveInfo", Map.of(), null));
            return new DriveInfo(id, in.bool(), in.int64(), in.int64());
        } catch (ShardStoreException e) {
            return new DriveInfo(id, false, 0, 0);
        }
    }

    @Override
    public void createVolume(String volume) {
        call("createVolume", Map.of("volume", volume), null);
    }

    @Override
    public void deleteVolume(String volume) {
        call("deleteVolume", Map.of("volume", volume), null);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        call("deleteVolumeRecursively", Map.of("volume", volume), null);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        return volume(new WireIn(call("statVolume", Map.of("volume", volume), null)));
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        WireIn in = new WireIn(call("listVolumes", Map.of(), null));
        int count = in.int32();
        List<VolumeInfo> volumes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            volumes.add(volume(in));
        }
        return volumes;
    }

    private static VolumeInfo volume(WireIn in) {
        return new VolumeInfo(in.string(), Instant.ofEpochSecond(in.int64(), in.int32()));
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        return call("readManifest", params("volume", volume, "key", key), null);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        call("writeManifest", params("volume", volume, "key", key), ByteBuffer.wrap(manifest));
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        call("writeManifest", params("volume", volume, "key", key, "fence", Long.toString(fencingToken)),
                ByteBuffer.wrap(manifest));
    }

    @Override
    public long acquireLease(String volume, String key, String owner, long ttlMillis) {
        return new WireIn(call("acquireLease", params("volume", volume, "key", key, "owner", owner,
                "ttlMillis", Long.toString(ttlMillis)), null)).int64();
    }

    @Override
    public void fence(String volume, String key, String owner, long token) {
        call("fence", params("volume", volume, "key", key, "owner", owner, "token", Long.toString(token)), null);
    }

    @Override
    public void releaseLease(String volume, String key, String owner) {
        call("releaseLease", params("volume", volume, "key", key, "owner", owner), null);
    }

    @Override
    public void deleteManifest(String volume, String key) {
        call("deleteManifest", params("volume", volume, "key", key), null);
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        call("deleteManifest", params("volume", volume, "key", key, "fence", Long.toString(fencingToken)), null);
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        WireIn in = new WireIn(call("list", params("volume", volume, "prefix", prefix == null ? "" : prefix,
                "startAfter", startAfter == null ? "" : startAfter, "limit", Integer.toString(limit)), null));
        boolean truncated = in.bool();
        int count = in.int32();
        List<String> keys = new ArrayList<>(Math.min(count, 10_000));
        for (int i = 0; i < count; i++) {
            keys.add(in.string());
        }
        return new ListPage(keys, truncated);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        Map<String, String> params = shardParams(shard);
        params.put("cellSize", Integer.toString(cellSize));
        String writer = new String(call("createShard", params, null), UTF_8);
        return new RemoteShardWriter(this, shard, writer);
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        WireIn in = new WireIn(call("openShard", shardParams(shard), null));
        return new RemoteShardReader(this, shard, in.int64(), in.int32());
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        call("deleteDataDir", params("volume", volume, "key", key, "dataDir", dataDir), null);
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        call("moveDataDir", params("srcVolume", srcVolume, "srcKey", srcKey, "dataDir", dataDir,
                "dstVolume", dstVolume, "dstKey", dstKey), null);
    }

    /** The pool is shared by the node's drives and closed by its owner. */
    @Override
    public void close() {
    }

    // ---- shared with the remote reader and writer ----

    static Map<String, String> shardParams(ShardId shard) {
        return params("volume", shard.volume(), "key", shard.key(), "dataDir", shard.dataDir(), "part", shard.part());
    }

    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    byte[] call(String op, Map<String, String> params, ByteBuffer body) {
        return answer(pool.call(drive, op, params, body, null, MAX_SMALL_ANSWER));
    }

    NodeResponse call(String op, Map<String, String> params, ByteBuffer body, Integer cellCrc, long maxAnswer) {
        NodeResponse response = pool.call(drive, op, params, body, cellCrc, maxAnswer);
        answer(response);
        return response;
    }

    /** The body of a successful answer; otherwise the drive's exception, rebuilt from its family. */
    private byte[] answer(NodeResponse response) {
        if (response.status() == 200 && response.error() == null) {
            return response.length() == response.body().length ? response.body()
                    : Arrays.copyOf(response.body(), response.length());
        }
        String message = new String(response.body(), 0, response.length(), UTF_8);
        if (response.error() == null) {
            throw new ShardStoreException("node drive " + id + " answered HTTP " + response.status() + ": " + message);
        }
        throw ErrorFamily.fromWire(response.error()).toException(message + " [node drive " + id + "]");
    }

    @Override
    public String toString() {
        return "StorageNodeClient[" + id + "]";
    }
}
