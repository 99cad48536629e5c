package io.cairn.storage.node;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.ShardWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard write open on a remote node under a temp name. Each cell travels in its own request with its
 * CRC32C, which the node checks before appending, so a cell damaged in transit is never stored.
 */
final class RemoteShardWriter implements ShardWriter {

    private static final Logger log = LoggerFactory.getLogger(RemoteShardWriter.class);
    private static final long LENGTH_ANSWER = 8;

    private final StorageNodeClient client;
    private final ShardId shard;
    private final Map<String, String> writerParam;
    private long length;
    private boolean closed;

    RemoteShardWriter(StorageNodeClient client, ShardId shard, String writerId) {
        this.client = client;
        this.shard = shard;
        this.writerParam = Map.of("writer", writerId);
    }

    @Override
    public synchronized void append(ByteBuffer cell) {
        checkOpen();
        if (!cell.hasRemaining()) {
            return;
        }
        NodeResponse response = client.call("append", writerParam, cell, CellFrames.crc(cell), LENGTH_ANSWER);
        length = new WireIn(response.body()).int64();
    }

    @Override
    public synchronized long length() {
        return length;
    }

    @Override
    public synchronized void commit() {
        checkOpen();
        closed = true;
        client.call("commit", writerParam, null);
    }

    /** Best effort: a node that cannot be told aborts the write itself once it has been idle too long. */
    @Override
    public synchronized void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.call("abort", writerParam, null);
        } catch (ShardStoreException e) {
            log.debug("abort of shard {} on {} failed, the node will drop it when idle: {}", shard, client.id(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shard writer of " + shard + " on " + client.id()
                    + " is already committed or aborted");
        }
    }
}
