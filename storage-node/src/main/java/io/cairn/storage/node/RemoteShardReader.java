package io.cairn.storage.node;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A committed shard on a remote node. Each {@link #readCells} is one request that returns exactly the
 * requested cells, each checked against the CRC32C the node sent with it.
 */
final class RemoteShardReader implements ShardReader {

    private final StorageNodeClient client;
    private final ShardId shard;
    private final long length;
    private final int cellSize;

    RemoteShardReader(StorageNodeClient client, ShardId shard, long length, int cellSize) {
        this.client = client;
        this.shard = shard;
        this.length = length;
        this.cellSize = cellSize;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int cellSize() {
        return cellSize;
    }

    @Override
    public ByteBuffer readCells(long firstCell, int count) {
        long cells = (length + cellSize - 1) / cellSize;
        if (firstCell < 0 || count < 0 || firstCell + count > cells) {
            throw new IllegalArgumentException("cells [" + firstCell + ", " + (firstCell + count)
                    + ") outside shard " + shard + " of " + cells + " cells");
        }
        if (count == 0) {
            return ByteBuffer.allocate(0);
        }
        long bytes = Math.min(length, (firstCell + count) * cellSize) - firstCell * cellSize;
        Map<String, String> params = StorageNodeClient.shardParams(shard);
        params.put("first", Long.toString(firstCell));
        params.put("count", Integer.toString(count));
        NodeResponse response = client.call("readCells", params, null, null, CellFrames.framedLength(bytes, count));
        return CellFrames.decode(response.body(), response.length(), firstCell, count, cellSize, length,
                shard.toString());
    }

    /** Nothing is held open on the node between reads. */
    @Override
    public void close() {
    }
}
