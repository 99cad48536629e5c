package io.cairn.gateway.http;

import java.time.Duration;

/** Counts exchanges in progress so that shutdown can wait for them (up to a grace period). */
final class InFlight {

    private int active;

    synchronized void begin() {
        active++;
    }

    synchronized void end() {
        active--;
        if (active <= 0) {
            notifyAll();
        }
    }

    synchronized int active() {
        return active;
    }

    /** Waits until no exchange is in progress or {@code grace} elapsed; true if idle. */
    synchronized boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
