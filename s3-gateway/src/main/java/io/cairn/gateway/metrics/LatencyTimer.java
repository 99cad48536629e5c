package io.cairn.gateway.metrics;

import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A timer that also keeps the exact total of what it measured: a Prometheus summary needs a {@code _sum},
 * and a reservoir's mean times the count would only approximate it.
 */
public final class LatencyTimer extends Timer {

    private final LongAdder totalNanos = new LongAdder();

    @Override
    public void update(long duration, TimeUnit unit) {
        long nanos = unit.toNanos(duration);
        if (nanos >= 0) {
            totalNanos.add(nanos);
        }
        super.update(duration, unit);
    }

    public long totalNanos() {
        return totalNanos.sum();
    }
}
