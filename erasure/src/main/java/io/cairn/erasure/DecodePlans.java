package io.cairn.erasure;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The matrices that rebuild missing shards, one per erasure pattern, kept in a small LRU cache: a
 * degraded read repeats the same pattern stripe after stripe, and inverting a k x k matrix costs far
 * more than coding a small cell.
 */
final class DecodePlans {

    /** Rebuild shard s as {@code rowsByShard[s]} times the survivors; null rows for present shards. */
    record Plan(int[] survivors, byte[][] rowsByShard) {
    }

    private static final int CAPACITY = 256;

    private final Matrix encoding;
    private final int dataShards;
    private final Map<BitSet, Plan> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<BitSet, Plan> eldest) {
            return size() > CAPACITY;
        }
    };

    DecodePlans(Matrix encoding, int dataShards) {
        this.encoding = encoding;
        this.dataShards = dataShards;
    }

    /** The plan for the given present shards; at least k of them must be set. */
    Plan forPresent(BitSet present) {
        Plan plan;
        synchronized (cache) {
            plan = cache.get(present);
        }
        if (plan != null) {
            return plan;
        }
        // Built outside the lock: two threads may build the same plan once, which is harmless.
        plan = build(present);
        synchronized (cache) {
            cache.put((BitSet) present.clone(), plan);
        }
        return plan;
    }

    int cachedCount() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private Plan build(BitSet present) {
        int[] survivors = new int[dataShards];
        int next = 0;
        for (int s = present.nextSetBit(0); next < dataShards; s = present.nextSetBit(s + 1)) {
            survivors[next++] = s;
        }
        Matrix inverse = encoding.selectRows(survivors).inverse();
        byte[][] rows = new byte[encoding.rowCount()][];
        for (int s = 0; s < rows.length; s++) {
            if (!present.get(s)) {
                rows[s] = encoding.selectRows(new int[] {s}).times(inverse).row(0);
            }
        }
        return new Plan(survivors, rows);
    }
}
