package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Node;
import io.cairn.tls.ClientTls;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code cairn admin remove-node}: takes one node out of a cluster, dead or alive, so that every object gets
 * back all k+m shards on the nodes that stay.
 * <ol>
 * <li>read the latest committed map from the nodes named;</li>
 * <li>refuse when the node is unknown, or when the drives left cannot hold the scheme;</li>
 * <li>propose epoch+1 without the node ({@link ClusterMap#withoutNode}: only the node's slots move) to every
 *     node of it; the removed node is not asked, it may be dead;</li>
 * <li>commit on every node of the new map, then tell the removed node, if it answers, so that its own gateway
 *     serves the new map;</li>
 * <li>migrate ({@link MapChange}): every slot that was on the removed node's drives gets its shards on its new
 *     drive, copied from the old drive when it answers and otherwise rebuilt from the other shards (an
 *     unreachable departing drive counts as one that lost them, see {@link MigratingDrive}).</li>
 * </ol>
 * Every step can run again: when the node is already gone from the latest committed map and the epoch before
 * it still had it, the command completes the commit and the migration.
 */
public final class NodeRemoval {

    /** Which node to remove, and how fast to move data. */
    public record Request(List<String> knownNodes, String nodeId, double objectsPerSecond, Duration settle) {
        public Request {
            knownNodes = List.copyOf(knownNodes);
            if (knownNodes.isEmpty()) {
                throw new IllegalArgumentException("name at least one node of the cluster");
            }
            if (nodeId == null || nodeId.isBlank()) {
                throw new IllegalArgumentException("name the node to remove");
            }
        }
    }

    private NodeRemoval() {
    }

    /**
     * Runs the removal; returns the migration's last progress. {@code tls}: the admin's certificate of the cluster
     * CA when the nodes speak TLS, else null.
     */
    public static ShardMigration.Progress run(Request r, byte[] secret, ClientTls tls, PrintWriter out)
            throws InterruptedException {
        try (MapChange change = new MapChange(secret, tls, out)) {
            ClusterMap current = change.latestCommitted(r.knownNodes());
            ClusterMap before;
            ClusterMap next;
            if (current.node(r.nodeId()).isPresent()) {
                before = current;
                next = next(current, r.nodeId());
                change.epochs().propose(next);
                change.printf("epoch %d proposed to %d nodes without %s: pending everywhere%n", next.epoch(),
                        next.nodes().size(), r.nodeId());
            } else {
                next = current;
                Optional<ClusterMap> previous = change.previous(current);
                if (previous.isEmpty() || previous.get().node(r.nodeId()).isEmpty()) {
                    throw new IllegalArgumentException("no node " + r.nodeId() + " in epoch " + current.epoch()
                            + " (nodes " + ids(current) + ")");
                }
                before = previous.get();
                change.printf("%s is already gone from epoch %d: completing its commit and migration%n",
                        r.nodeId(), next.epoch());
            }
            change.commit(before, next);
            Node removed = before.node(r.nodeId()).orElseThrow();
            if (change.epochs().tell(removed, next)) {
                change.printf("%s took epoch %d: it serves the new map and its drives until the migration ends%n",
                        r.nodeId(), next.epoch());
            } else {
                change.printf("%s does not answer: its shards are rebuilt from the others%n", r.nodeId());
            }
            return change.migrate(before, next, r.objectsPerSecond(), r.settle());
        }
    }

    /** The map without the node, or a refusal that says why not. */
    static ClusterMap next(ClusterMap current, String nodeId) {
        Node gone = current.node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId
                + " in epoch " + current.epoch() + " (nodes " + ids(current) + ")"));
        int left = current.driveCount() - gone.drives().size();
        if (left < current.scheme().width()) {
            throw new IllegalArgumentException("cannot remove " + nodeId + ": the " + left + " drives left cannot"
                    + " hold scheme " + current.scheme() + ", which needs " + current.scheme().width());
        }
        return current.withoutNode(nodeId);
    }

    private static String ids(ClusterMap map) {
        return String.join(",", map.nodes().stream().map(Node::id).toList());
    }
}
