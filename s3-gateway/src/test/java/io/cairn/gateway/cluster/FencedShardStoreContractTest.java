package io.cairn.gateway.cluster;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import io.cairn.storage.testing.ShardStoreContractTest;
import java.util.List;

/** The whole ShardStore contract for a node's fenced drive, fencing tokens of writes and deletes included. */
class FencedShardStoreContractTest extends ShardStoreContractTest {

    private InMemoryShardStore memory;

    @Override
    protected ShardStore newStore() {
        memory = new InMemoryShardStore("memory-1");
        return new FencedShardStore(memory);
    }

    @Override
    protected boolean fencesManifests() {
        return true;
    }

    @Override
    protected void loseDrive() {
        memory.setOnline(false);
    }

    @Override
    protected void corruptByte(ShardId shard, long offset) {
        memory.corruptByte(shard, offset);
    }

    @Override
    protected void truncate(ShardId shard, long length) {
        memory.truncate(shard, length);
    }

    @Override
    protected List<String> contents() {
        return memory.contents();
    }
}
