package io.cairn.gateway.notify;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the notification machinery counts, read by the metrics (docs/OPERATIONS.md): the backlog (entries in
 * the outbox, committed or not yet decided), deliveries acknowledged, attempts that failed and were retried,
 * events dropped for a target this server no longer has, entries of changes that never committed (discarded),
 * and writes refused because the outbox was full.
 */
public final class NotificationStats {

    final AtomicLong backlog = new AtomicLong();
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder discarded = new LongAdder();
    final LongAdder refused = new LongAdder();

    public long backlog() {
        return Math.max(0, backlog.get());
    }

    /** Events a target acknowledged. */
    public long delivered() {
        return delivered.sum();
    }

    /** Delivery attempts that failed (each is retried after a back-off). */
    public long failed() {
        return failed.sum();
    }

    /** Delivery attempts that were retries of a failed one. */
    public long retried() {
        return retried.sum();
    }

    /** Events not delivered because their target is no longer configured on this server. */
    public long dropped() {
        return dropped.sum();
    }

    /** Outbox entries of changes that never committed, removed undelivered. */
    public long discarded() {
        return discarded.sum();
    }

    /** Writes refused with 503 SlowDown because the outbox held its limit of entries. */
    public long refused() {
        return refused.sum();
    }
}
