package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.tls.ClientTls;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cairn admin add-node}: the whole growth of a cluster by one node, driven from outside the cluster.
 * <ol>
 * <li>read the latest committed map from the nodes named;</li>
 * <li>propose epoch+1 with the new node to every node of it ({@link EpochChange});</li>
 * <li>give the new node's drives every bucket and its configuration ({@link NewDrives});</li>
 * <li>commit; wait until every process has had time to switch to the new epoch;</li>
 * <li>move the shards whose slot changed drive ({@link ShardMigration}), reporting progress.</li>
 * </ol>
 * The steps it shares with {@link NodeRemoval} are {@link MapChange}'s.
 * Every step can run again: if the node is already in the latest committed map, the command completes the
 * commit and the migration that a dead admin left behind.
 */
public final class NodeAddition {

    /** What to add, and how fast to move data. */
    public record Request(List<String> knownNodes, String address, int drives, double objectsPerSecond,
                          Duration settle) {
        public Request {
            knownNodes = List.copyOf(knownNodes);
            if (knownNodes.isEmpty()) {
                throw new IllegalArgumentException("name at least one node of the cluster");
            }
            if (drives < 1) {
                throw new IllegalArgumentException("the new node needs at least one drive");
            }
        }
    }

    private NodeAddition() {
    }

    /**
     * Runs the growth; returns the migration's last progress. {@code tls}: the admin's certificate of the cluster
     * CA when the nodes speak TLS, else null.
     */
    public static ShardMigration.Progress run(Request r, byte[] secret, ClientTls tls, PrintWriter out)
            throws InterruptedException {
        try (MapChange change = new MapChange(secret, tls, out)) {
            ClusterMap current = change.latestCommitted(r.knownNodes());
            ClusterMap before;
            ClusterMap next;
            if (current.nodes().stream().anyMatch(n -> n.address().equals(r.address()))) {
                next = current;
                before = change.previous(next).orElseThrow(() -> new IllegalStateException(
                        r.address() + " is in epoch " + next.epoch() + " but no node knows the epoch before it"));
                change.printf("%s is already in epoch %d: completing its commit and migration%n", r.address(),
                        next.epoch());
            } else {
                before = current;
                next = current.withNode(newNode(current, r));
                change.epochs().propose(next);
                change.printf("epoch %d proposed to %d nodes: pending everywhere%n", next.epoch(),
                        next.nodes().size());
                int buckets = NewDrives.prepare(before, next, change.directory().stores(before, next)::get);
                change.printf("new drives ready: buckets and their configuration (%d buckets)%n", buckets);
            }
            change.commit(before, next);
            return change.migrate(before, next, r.objectsPerSecond(), r.settle());
        }
    }

    /**
     * The new node is {@code node<n+1>} for the highest n in the map: after a removal the count of nodes is no
     * longer the highest number, and an id is never given to two nodes of one map.
     */
    private static Node newNode(ClusterMap current, Request r) {
        int highest = current.nodes().size();
        for (Node n : current.nodes()) {
            if (n.id().matches("node[1-9][0-9]{0,8}")) {
                highest = Math.max(highest, Integer.parseInt(n.id().substring(4)));
            }
        }
        String id = "node" + (highest + 1);
        List<Drive> drives = new ArrayList<>();
        for (int j = 0; j < r.drives(); j++) {
            drives.add(new Drive(id + "-" + PeerList.wireDriveId(j), 1.0));
        }
        return new Node(id, r.address(), drives);
    }
}
