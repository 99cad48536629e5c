package io.cairn.cluster;

import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import io.cairn.storage.testing.InMemoryStoreContract;

/** The whole ShardStore contract for a node's fenced drive, fencing tokens of writes and deletes included. */
class FencedShardStoreContractTest extends InMemoryStoreContract {

    @Override
    protected ShardStore wrap(InMemoryShardStore memory) {
        return new FencedShardStore(memory);
    }

    @Override
    protected boolean fencesManifests() {
        return true;
    }
}
