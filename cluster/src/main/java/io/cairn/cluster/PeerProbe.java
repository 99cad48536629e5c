package io.cairn.cluster;

import io.cairn.placement.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up until the other nodes answer their open health path, so that a cluster started all at
 * once does not begin with every drive but its own marked offline. Gives up after a deadline and starts
 * anyway: the object layer copes with missing nodes, and a node that comes later is healed into place.
 */
final class PeerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PeerProbe.class);
    private static final long PAUSE_MILLIS = 200;

    private PeerProbe() {
    }

    /**
     * Returns the nodes that answered; waits at most {@code wait} for all of them. {@code healthy} asks one
     * node over the node protocol's own connections, so a node that would refuse this one's TLS certificate
     * counts as not there.
     */
    static List<Node> awaitAll(List<Node> nodes, Duration wait, Predicate<Node> healthy) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Node> pending = new ArrayList<>(nodes);
        List<Node> up = new ArrayList<>();
        while (true) {
            pending.removeIf(a -> {
                if (healthy.test(a)) {
                    up.add(a);
                    return true;
                }
                return false;
            });
            if (pending.isEmpty() || System.nanoTime() - deadline >= 0) {
                break;
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        if (!pending.isEmpty()) {
            LOG.warn("starting without nodes {}: no health answer within {}",
                    pending.stream().map(Node::address).toList(), wait);
        }
        return up;
    }
}
