package io.cairn.erasure;

/**
 * How the bytes of an object map to stripes and cells for a scheme of k data shards, m parity shards
 * and a nominal stripe size.
 *
 * <p>A full stripe holds {@code k * cellSize} data bytes, where {@code cellSize = ceil(stripeSize / k)}.
 * Data byte {@code i} of a stripe lies in data cell {@code i / cellLength} at offset {@code i % cellLength}. The last stripe of an object may
 * be partial: its cells are {@code ceil(rest / k)} bytes long (zero-padded), so a shard's length is the sum
 * of its cells' lengths and small objects waste at most k-1 bytes per shard. An empty object has no
 * stripes and empty shards.
 */
public record StripeLayout(int dataShards, int parityShards, int stripeSize) {

    public StripeLayout {
        if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 256) {
            throw new IllegalArgumentException("invalid scheme " + dataShards + "+" + parityShards);
        }
        if (stripeSize < dataShards) {
            throw new IllegalArgumentException("stripe size " + stripeSize + " smaller than k=" + dataShards);
        }
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** Bytes of one full cell. */
    public int cellSize() {
        return (stripeSize + dataShards - 1) / dataShards;
    }

    /** Data bytes of one full stripe ({@code k * cellSize}, at least the nominal stripe size). */
    public long stripeDataSize() {
        return (long) dataShards * cellSize();
    }

    public long stripeCount(long objectSize) {
        checkSize(objectSize);
        return (objectSize + stripeDataSize() - 1) / stripeDataSize();
    }

    /** Data bytes held by stripe {@code stripe} of an object of {@code objectSize} bytes. */
    public long stripeDataLength(long objectSize, long stripe) {
        long start = stripe * stripeDataSize();
        if (stripe < 0 || start >= objectSize) {
            throw new IllegalArgumentException("stripe " + stripe + " outside object of " + objectSize);
        }
        return Math.min(stripeDataSize(), objectSize - start);
    }

    /** Length of every cell (data and parity) of the given stripe. */
    public int cellLength(long objectSize, long stripe) {
        long data = stripeDataLength(objectSize, stripe);
        return (int) ((data + dataShards - 1) / dataShards);
    }

    /** Length of each shard of an object of {@code objectSize} bytes. */
    public long shardLength(long objectSize) {
        long stripes = stripeCount(objectSize);
        if (stripes == 0) {
            return 0;
        }
        return (stripes - 1) * cellSize() + cellLength(objectSize, stripes - 1);
    }

    /** The stripe holding byte {@code offset} of the object. */
    public long stripeOf(long offset) {
        return offset / stripeDataSize();
    }

    /** Offset within the object of the first byte of stripe {@code stripe}. */
    public long stripeStart(long stripe) {
        return stripe * stripeDataSize();
    }

    /** Offset within each shard of the first byte of stripe {@code stripe}'s cells. */
    public long cellOffset(long stripe) {
        return stripe * cellSize();
    }

    private static void checkSize(long objectSize) {
        if (objectSize < 0) {
            throw new IllegalArgumentException("negative object size " + objectSize);
        }
    }
}
