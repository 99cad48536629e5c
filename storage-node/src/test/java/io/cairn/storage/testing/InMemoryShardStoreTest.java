package io.cairn.storage.testing;

class InMemoryShardStoreTest extends InMemoryStoreContract {
}
