package io.cairn.placement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The versioned description of a cluster that every node holds: its nodes and their drives, the erasure scheme
 * and the placement-group count. Immutable; every change yields the next epoch, so two maps with one epoch are
 * one map and a placement computed for an epoch never goes stale.
 *
 * <p>The group count is fixed for the life of a cluster: changing it would move almost every object.
 *
 * <p>{@code pins} override the computed placement of single slots (see {@link Pin}); a new cluster has none, and
 * {@link #withNode}, {@link #withoutNode} and {@link #withNodes} compute the next epoch's so that shards stay on
 * their drives wherever the new node list allows. They are kept sorted by group and slot.
 */
public record ClusterMap(long epoch, Scheme scheme, int groupCount, List<Node> nodes, List<Pin> pins) {
    /** Enough groups that each drive of a 1,000-node cluster still gets about a dozen; see docs/PLACEMENT.md. */
    public static final int DEFAULT_GROUP_COUNT = 4096;
    static final int MAX_GROUP_COUNT = 1 << 20;

    public ClusterMap {
        if (epoch < 0) {
            throw new InvalidClusterMapException("epoch must not be negative, not " + epoch);
        }
        if (scheme == null) {
            throw new InvalidClusterMapException("scheme is missing");
        }
        if (groupCount < 1 || groupCount > MAX_GROUP_COUNT) {
            throw new InvalidClusterMapException("group count must be 1-" + MAX_GROUP_COUNT + ", not " + groupCount);
        }
        nodes = List.copyOf(nodes);
        int drives = requireUniqueIds(nodes);
        if (drives < scheme.width()) {
            throw new InvalidClusterMapException("scheme " + scheme + " needs " + scheme.width()
                    + " drives but the cluster has " + drives);
        }
        if (pins == null) {
            throw new InvalidClusterMapException("pins must be empty rather than null");
        }
        pins = pins.stream().sorted().toList();
        if (!pins.isEmpty()) {
            SlotPins.validate(new ClusterMap(epoch, scheme, groupCount, nodes), pins);
        }
    }

    /** A map without pins: every placement is the computed one. */
    public ClusterMap(long epoch, Scheme scheme, int groupCount, List<Node> nodes) {
        this(epoch, scheme, groupCount, nodes, List.of());
    }

    private static int requireUniqueIds(List<Node> nodes) {
        Set<String> nodeIds = new HashSet<>();
        Set<String> driveIds = new HashSet<>();
        for (Node node : nodes) {
            if (!nodeIds.add(node.id())) {
                throw new InvalidClusterMapException("duplicate node id " + node.id());
            }
            for (Drive drive : node.drives()) {
                if (!driveIds.add(drive.id())) {
                    throw new InvalidClusterMapException("duplicate drive id " + drive.id());
                }
            }
        }
        return driveIds.size();
    }

    /** The same cluster plus {@code node}, at the next epoch; see {@link #withNodes}. */
    public ClusterMap withNode(Node node) {
        List<Node> next = new ArrayList<>(nodes);
        next.add(node);
        return withNodes(next);
    }

    /** The same cluster without the node {@code nodeId}, at the next epoch; see {@link #withNodes}. */
    public ClusterMap withoutNode(String nodeId) {
        List<Node> next = new ArrayList<>(nodes);
        if (!next.removeIf(n -> n.id().equals(nodeId))) {
            throw new InvalidClusterMapException("no node " + nodeId + " in epoch " + epoch);
        }
        return withNodes(next);
    }

    /**
     * The next epoch with {@code next} as its nodes, and pins that keep each slot on its current drive unless
     * the new computed placement drops that drive from the group: the group's drive set follows the node list
     * (which keeps load even and moves only what must move), while shard indexes stay where they are.
     * Costs two passes of placement over every group (about a second at 4,000 drives and 4096 groups).
     */
    public ClusterMap withNodes(List<Node> next) {
        ClusterMap plain = new ClusterMap(epoch + 1, scheme, groupCount, next);
        return new ClusterMap(epoch + 1, scheme, groupCount, plain.nodes(), SlotPins.carried(this, plain));
    }

    public Optional<Node> node(String nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    /** The node holding {@code driveId}. Linear in the cluster size: callers needing it often index once per epoch. */
    public Optional<Node> nodeOfDrive(String driveId) {
        return nodes.stream().filter(n -> n.drives().stream().anyMatch(d -> d.id().equals(driveId))).findFirst();
    }

    public int driveCount() {
        return nodes.stream().mapToInt(n -> n.drives().size()).sum();
    }
}
