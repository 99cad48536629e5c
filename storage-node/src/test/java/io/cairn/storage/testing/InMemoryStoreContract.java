package io.cairn.storage.testing;

import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import java.util.List;

/**
 * The {@link ShardStoreContractTest} over an {@link InMemoryShardStore}, or over a store that wraps one
 * ({@link #wrap}): the contract's hooks (losing the drive, corrupting and truncating shards, listing what is
 * stored) reach the memory store beneath.
 */
public abstract class InMemoryStoreContract extends ShardStoreContractTest {

    private InMemoryShardStore memory;

    /** The store under test, built on {@code memory}; the memory store itself unless overridden. */
    protected ShardStore wrap(InMemoryShardStore memory) {
        return memory;
    }

    @Override
    protected ShardStore newStore() {
        memory = new InMemoryShardStore("memory-1");
        return wrap(memory);
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
