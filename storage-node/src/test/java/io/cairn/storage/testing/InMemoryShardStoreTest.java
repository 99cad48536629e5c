package io.cairn.storage.testing;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import java.util.List;

class InMemoryShardStoreTest extends ShardStoreContractTest {

    private InMemoryShardStore memory;

    @Override
    protected ShardStore newStore() {
        memory = new InMemoryShardStore("memory-1");
        return memory;
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
