package io.cairn.it;

/**
 * Lets the crash campaign's clients run requests while open; once closed, clients finish (or fail) the
 * request they are in and wait, so the server can be restarted and verified with no request in flight.
 */
final class CampaignGate {

    private boolean open = true;
    private boolean stopped;
    private int inside;
    private int closes;

    /**
     * Waits while closed; returns how often the gate was closed so far (a request that fails after that number
     * changed was cut by a kill), or -1 once the campaign stopped.
     */
    synchronized int enter() throws InterruptedException {
        while (!open && !stopped) {
            wait();
        }
        if (stopped) {
            return -1;
        }
        inside++;
        return closes;
    }

    synchronized int closes() {
        return closes;
    }

    synchronized void exit() {
        inside--;
        notifyAll();
    }

    /** Closes the gate before a kill: requests in flight now are cut by it. */
    synchronized void close() {
        open = false;
        closes++;
    }

    synchronized void open() {
        open = true;
        notifyAll();
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** Waits up to {@code millis} until no client is inside; true when none is. */
    synchronized boolean awaitEmpty(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (inside > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
