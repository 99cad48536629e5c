package io.cairn.storage.node;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Nonces seen within the accepted clock window, so a captured request cannot be sent again. The cache
 * is bounded: when full it forgets the oldest nonce and from then on refuses every request dated at or
 * before it, so forgetting never reopens a replay; legitimate requests carry fresh dates and still pass.
 */
final class ReplayCache {

    private record Seen(long date, String nonce) {
    }

    private final int capacity;
    private final long windowMillis;
    private final Map<String, Long> nonces = new HashMap<>();
    private final PriorityQueue<Seen> byDate = new PriorityQueue<>((a, b) -> Long.compare(a.date, b.date));
    private long floor = Long.MIN_VALUE;

    ReplayCache(int capacity, long windowMillis) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
    }

    /** Records the nonce; false when it was seen already or the request is too old to be checked. */
    synchronized boolean firstUse(String nonce, long date, long now) {
        while (!byDate.isEmpty() && byDate.peek().date < now - windowMillis) {
            nonces.remove(byDate.poll().nonce);
        }
        if (date <= floor || nonces.containsKey(nonce)) {
            return false;
        }
        if (nonces.size() >= capacity) {
            Seen oldest = byDate.poll();
            nonces.remove(oldest.nonce);
            floor = Math.max(floor, oldest.date);
            if (date <= floor) {
                return false;
            }
        }
        nonces.put(nonce, date);
        byDate.add(new Seen(date, nonce));
        return true;
    }

    synchronized int size() {
        return nonces.size();
    }
}
