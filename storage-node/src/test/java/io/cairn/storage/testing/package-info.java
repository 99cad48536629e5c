/**
 * Test doubles of {@link io.cairn.storage.ShardStore}, shared with other modules as this module's
 * test-jar: {@link io.cairn.storage.testing.InMemoryShardStore} (same semantics as the file store,
 * checksums included), {@link io.cairn.storage.testing.FaultyShardStore} (fails, delays or corrupts
 * programmed calls) and {@link io.cairn.storage.testing.ShardStoreContractTest}, which any new
 * implementation (for example a remote client) can extend to prove it behaves like a drive; and
 * {@link io.cairn.storage.testing.ManualClock} and {@link io.cairn.storage.testing.Await}, for timers,
 * caches and background work tested without fixed sleeps.
 */
package io.cairn.storage.testing;
