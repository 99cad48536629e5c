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
 */
public record ClusterMap(long epoch, Scheme scheme, int groupCount, List<Node> nodes) {
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

    /** The same cluster plus {@code node}, at the next epoch. */
    public ClusterMap withNode(Node node) {
        List<Node> next = new ArrayList<>(nodes);
        next.add(node);
        return new ClusterMap(epoch + 1, scheme, groupCount, next);
    }

    /** The same cluster without the node {@code nodeId}, at the next epoch. */
    public ClusterMap withoutNode(String nodeId) {
        List<Node> next = new ArrayList<>(nodes);
        if (!next.removeIf(n -> n.id().equals(nodeId))) {
            throw new InvalidClusterMapException("no node " + nodeId + " in epoch " + epoch);
        }
        return new ClusterMap(epoch + 1, scheme, groupCount, next);
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
