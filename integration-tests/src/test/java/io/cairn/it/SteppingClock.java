package io.cairn.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, plus every step a test took forward: a store wired with it lets a test outlive a
 * reservation or a cache at once, while signatures made with the real time stay valid.
 */
final class SteppingClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    synchronized void step(Duration d) {
        ahead = ahead.plus(d);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
