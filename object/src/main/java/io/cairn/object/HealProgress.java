package io.cairn.object;

/**
 * Where a heal scan stands: objects scanned, objects repaired (a shard rebuilt or a manifest rewritten),
 * objects that could not be repaired (fewer than k healthy shards, drives unreachable), shards rebuilt.
 */
public record HealProgress(long scanned, long repaired, long failed, long shardsRebuilt, boolean done,
                           long startNanos) {

    HealProgress next(boolean wasRepaired, boolean wasFailed, int rebuilt) {
        return new HealProgress(scanned + 1, repaired + (wasRepaired ? 1 : 0), failed + (wasFailed ? 1 : 0),
                shardsRebuilt + rebuilt, false, startNanos);
    }

    HealProgress finished() {
        return new HealProgress(scanned, repaired, failed, shardsRebuilt, true, startNanos);
    }

    /** Objects scanned per second since the scan started. */
    public double rate() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return secs <= 0 ? 0 : scanned / secs;
    }
}
