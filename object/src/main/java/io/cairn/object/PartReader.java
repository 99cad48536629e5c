package io.cairn.object;

import io.cairn.erasure.ReedSolomon;
import io.cairn.erasure.StripeLayout;
import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads byte ranges of one erasure-coded part, one stripe at a time. Only the data cells that hold the
 * requested bytes are read while they are healthy; a missing, slow or corrupt shard is dropped for the
 * rest of the read and the stripe is rebuilt from parity. Dropped shards are reported for healing.
 */
final class PartReader implements AutoCloseable {

    private final DriveCalls calls;
    private final List<ShardStore> placement;
    private final StripeLayout layout;
    private final ReedSolomon codec;
    private final long partSize;
    private final ShardId[] ids;
    private final ShardReader[] readers;
    private final boolean[] bad;
    /** Of the bad shards, those whose drive did not answer (offline or too slow), as opposed to absent or corrupt. */
    private final boolean[] unreachable;
    private final ReadStats stats;
    private boolean servedClientRead;

    PartReader(DriveCalls calls, List<ShardStore> placement, StripeLayout layout, ReedSolomon codec,
               String volume, String key, Manifest.Part part, ReadStats stats) {
        this.stats = stats;
        this.calls = calls;
        this.placement = placement;
        this.layout = layout;
        this.codec = codec;
        this.partSize = part.size();
        int n = layout.totalShards();
        this.ids = new ShardId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = new ShardId(volume, key, part.dataDir(), part.fileName());
        }
        this.readers = new ShardReader[n];
        this.bad = new boolean[n];
        this.unreachable = new boolean[n];
    }

    /** Shards that failed during this read (missing, unreachable, slow or corrupt). */
    boolean[] badShards() {
        return bad.clone();
    }

    boolean anyBad() {
        for (boolean b : bad) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns bytes [{@code from}, {@code to}) of the part, which must lie within one stripe, as a new
     * heap buffer.
     */
    ByteBuffer read(long from, long to) {
        servedClientRead = true;
        long stripe = layout.stripeOf(from);
        long stripeStart = layout.stripeStart(stripe);
        int cellLength = layout.cellLength(partSize, stripe);
        int a = (int) (from - stripeStart);
        int b = (int) (to - stripeStart);
        int firstCell = a / cellLength;
        int lastCell = (b - 1) / cellLength;
        ByteBuffer[] cells = readCells(stripe, cellLength, firstCell, lastCell);
        ByteBuffer out = ByteBuffer.allocate(b - a);
        for (int c = firstCell; c <= lastCell; c++) {
            int cellStart = c * cellLength;
            int s = Math.max(a, cellStart) - cellStart;
            int e = Math.min(b, cellStart + cellLength) - cellStart;
            out.put(cells[c].duplicate().position(s).limit(e));
        }
        return out.flip();
    }

    /** Verifies every stripe of every healthy shard; returns the shards that failed. */
    boolean[] verifyAll() {
        long stripes = layout.stripeCount(partSize);
        int n = layout.totalShards();
        for (long s = 0; s < stripes; s++) {
            long stripe = s;
            markFailures(calls.onEach(n, i -> bad[i] ? null : readOne(i, stripe, layout.cellLength(partSize, stripe))));
        }
        if (stripes == 0) {
            markFailures(calls.onEach(n, i -> bad[i] ? null : reader(i)));
        }
        return badShards();
    }

    private <T> void markFailures(List<DriveCalls.Outcome<T>> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).ok()) {
                markBad(i, outcomes.get(i).error());
            }
        }
    }

    private void markBad(int i, RuntimeException error) {
        bad[i] = true;
        unreachable[i] |= error instanceof DriveOfflineException;
    }

    /**
     * Shards that are known to be missing or corrupt on a drive that answered: the ones heal may rewrite.
     * A drive that did not answer is never rewritten: its shard may well be fine.
     */
    boolean[] damagedShards() {
        boolean[] out = new boolean[bad.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bad[i] && !unreachable[i];
        }
        return out;
    }

    /** All k+m cells of a stripe, rebuilding the ones on bad shards (used by heal). */
    ByteBuffer[] readFullStripe(long stripe) {
        int cellLength = layout.cellLength(partSize, stripe);
        ByteBuffer[] cells = readCells(stripe, cellLength, 0, layout.dataShards() - 1);
        int k = layout.dataShards();
        int n = layout.totalShards();
        ByteBuffer[] all = new ByteBuffer[n];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            all[i] = i < k ? cells[i] : ByteBuffer.allocate(cellLength);
            present[i] = i < k;
        }
        ByteBuffer[] data = new ByteBuffer[k];
        System.arraycopy(all, 0, data, 0, k);
        ByteBuffer[] parity = new ByteBuffer[n - k];
        System.arraycopy(all, k, parity, 0, n - k);
        codec.encode(data, parity);
        return all;
    }

    long stripeDataSize() {
        return layout.stripeDataSize();
    }

    long stripeCount() {
        return layout.stripeCount(partSize);
    }

    int cellLength(long stripe) {
        return layout.cellLength(partSize, stripe);
    }

    /**
     * Returns the k data cells of a stripe where at least cells first..last are filled: read directly when
     * healthy, otherwise rebuilt from any k healthy shards.
     */
    private ByteBuffer[] readCells(long stripe, int cellLength, int first, int last) {
        int k = layout.dataShards();
        int n = layout.totalShards();
        ByteBuffer[] got = new ByteBuffer[n];
        List<Integer> wanted = new ArrayList<>();
        for (int c = first; c <= last; c++) {
            wanted.add(c);
        }
        fetch(wanted, got, stripe, cellLength);
        boolean complete = true;
        for (int c = first; c <= last; c++) {
            complete &= got[c] != null;
        }
        if (complete) {
            return Arrays.copyOf(got, k);
        }
        // Degraded: gather any k healthy cells, data shards first, then parity.
        while (true) {
            int have = 0;
            List<Integer> more = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (got[i] != null) {
                    have++;
                }
            }
            for (int i = 0; i < n && have + more.size() < k; i++) {
                if (got[i] == null && !bad[i]) {
                    more.add(i);
                }
            }
            if (have >= k) {
                break;
            }
            if (more.isEmpty()) {
                throw new QuorumException("stripe " + stripe + " of " + ids[0] + ": only " + have + " of "
                        + k + " shards readable");
            }
            fetch(more, got, stripe, cellLength);
        }
        boolean[] present = new boolean[n];
        ByteBuffer[] shards = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            present[i] = got[i] != null;
            shards[i] = present[i] ? got[i] : ByteBuffer.allocate(cellLength);
        }
        codec.reconstruct(shards, present, true);
        if (servedClientRead) {
            stats.stripesReconstructed.increment();
        }
        return Arrays.copyOf(shards, k);
    }

    private void fetch(List<Integer> indices, ByteBuffer[] into, long stripe, int cellLength) {
        List<DriveCalls.Outcome<ByteBuffer>> outcomes =
                calls.onEach(indices.size(), j -> readOne(indices.get(j), stripe, cellLength));
        for (int j = 0; j < indices.size(); j++) {
            int i = indices.get(j);
            if (outcomes.get(j).ok()) {
                into[i] = outcomes.get(j).value();
            } else {
                markBad(i, outcomes.get(j).error());
            }
        }
    }

    private ByteBuffer readOne(int i, long stripe, int cellLength) {
        ByteBuffer cell = reader(i).readCells(stripe, 1);
        if (cell.remaining() != cellLength) {
            throw new CorruptShardException("cell " + stripe + " of shard " + i + " has " + cell.remaining()
                    + " bytes, expected " + cellLength);
        }
        return cell;
    }

    private ShardReader reader(int i) {
        synchronized (readers) {
            if (readers[i] == null) {
                ShardReader r = placement.get(i).openShard(ids[i]);
                long expected = layout.shardLength(partSize);
                if (r.length() != expected) {
                    r.close();
                    throw new CorruptShardException("shard " + i + " of " + ids[i] + " has "
                            + r.length() + " bytes, expected " + expected);
                }
                readers[i] = r;
            }
            return readers[i];
        }
    }

    @Override
    public void close() {
        if (servedClientRead && anyBad()) {
            stats.degradedReads.increment();
        }
        synchronized (readers) {
            for (int i = 0; i < readers.length; i++) {
                if (readers[i] != null) {
                    try {
                        readers[i].close();
                    } catch (RuntimeException ignored) {
                        // closing a failed drive's reader has nothing left to release
                    }
                    readers[i] = null;
                }
            }
        }
    }
}
