package io.cairn.placement;

/**
 * Weighted rendezvous (highest random weight) placement, one shard slot at a time. Slot {@code s} of group
 * {@code g} gives every drive the score {@code -w / ln(U)}, with {@code U} in (0,1) a hash of (g, s, drive) and
 * {@code w} the drive's weight times its node's, and takes the highest-scoring drive on a node that is not yet
 * in the placement: the best drive per node, then the best node. A drive wins a slot with probability
 * proportional to its weight, and a new drive only takes the slots it outscores, so adding a node moves little.
 *
 * <p>Slots are chosen in order rather than by sorting one ranking because a sorted list shifts every later shard
 * index when a newcomer enters near the top; per-slot scores keep each shard index on its drive.
 *
 * <p>With fewer nodes than k+m, each slot takes a node among those holding the fewest shards of the group so
 * far, so no node holds more than ceil((k+m)/nodes) of them when nodes have enough drives.
 *
 * <p>Placements are cached for the current and the previous epoch (readers fall back to the previous epoch's
 * placement while shards move); each group is computed on first use.
 */
public final class RendezvousPlacement implements PlacementPolicy {
    private volatile GroupTable current;
    private volatile GroupTable previous;

    @Override
    public Placement place(ClusterMap map, int group) {
        if (group < 0 || group >= map.groupCount()) {
            throw new IllegalArgumentException("group " + group + " is outside [0, " + map.groupCount() + ")");
        }
        return table(map).placement(group);
    }

    private GroupTable table(ClusterMap map) {
        GroupTable t = current;
        if (t != null && t.serves(map)) {
            return t;
        }
        GroupTable p = previous;
        if (p != null && p.serves(map)) {
            return p;
        }
        synchronized (this) {
            t = current;
            if (t != null && t.serves(map)) {
                return t;
            }
            GroupTable fresh = new GroupTable(map);
            // Keep the newer epoch as current even if an old map is asked for late.
            if (t == null || map.epoch() >= t.map().epoch()) {
                previous = t;
                current = fresh;
            } else {
                previous = fresh;
            }
            return fresh;
        }
    }
}
