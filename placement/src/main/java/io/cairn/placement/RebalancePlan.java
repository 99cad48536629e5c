package io.cairn.placement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shard slots that change drive between two epochs of a cluster map: what a rebalance has to copy. A slot
 * is one shard index of one placement group; every object of the group has its shard of that index moved.
 */
public record RebalancePlan(long fromEpoch, long toEpoch, int groupCount, int width, List<Move> moves) {
    /** Shard {@code shardIndex} of every object in {@code group} moves from one drive to another. */
    public record Move(int group, int shardIndex, String fromDrive, String toDrive) {
    }

    public RebalancePlan {
        moves = List.copyOf(moves);
    }

    /** The plan from {@code from} to {@code to} under rendezvous placement. */
    public static RebalancePlan between(ClusterMap from, ClusterMap to) {
        return between(new RendezvousPlacement(), from, to);
    }

    /**
     * The plan from {@code from} to {@code to} under {@code policy}. Both maps must share the scheme and the
     * group count: changing either is a rewrite of every object, not a rebalance.
     */
    public static RebalancePlan between(PlacementPolicy policy, ClusterMap from, ClusterMap to) {
        if (!from.scheme().equals(to.scheme()) || from.groupCount() != to.groupCount()) {
            throw new InvalidClusterMapException("cannot rebalance from scheme " + from.scheme() + " / "
                    + from.groupCount() + " groups to " + to.scheme() + " / " + to.groupCount() + " groups");
        }
        List<Move> moves = new ArrayList<>();
        for (int group = 0; group < from.groupCount(); group++) {
            List<String> before = policy.place(from, group).drives();
            List<String> after = policy.place(to, group).drives();
            for (int slot = 0; slot < before.size(); slot++) {
                if (!before.get(slot).equals(after.get(slot))) {
                    moves.add(new Move(group, slot, before.get(slot), after.get(slot)));
                }
            }
        }
        return new RebalancePlan(from.epoch(), to.epoch(), from.groupCount(), from.scheme().width(), moves);
    }

    public long totalSlots() {
        return (long) groupCount * width;
    }

    public int slotsMoved() {
        return moves.size();
    }

    /** The fraction of all shard slots that move; adding one node to n ideally moves 1/(n+1) of them. */
    public double movedFraction() {
        return (double) moves.size() / totalSlots();
    }

    /** The number of groups with at least one moving slot; adding one node to n touches about (k+m)/(n+1). */
    public int groupsTouched() {
        Set<Integer> groups = new HashSet<>();
        moves.forEach(m -> groups.add(m.group()));
        return groups.size();
    }

    /** Slots each drive receives, by drive id. */
    public Map<String, Integer> incomingByDrive() {
        Map<String, Integer> counts = new TreeMap<>();
        moves.forEach(m -> counts.merge(m.toDrive(), 1, Integer::sum));
        return counts;
    }

    /** Slots each drive gives up, by drive id. */
    public Map<String, Integer> outgoingByDrive() {
        Map<String, Integer> counts = new TreeMap<>();
        moves.forEach(m -> counts.merge(m.fromDrive(), 1, Integer::sum));
        return counts;
    }
}
