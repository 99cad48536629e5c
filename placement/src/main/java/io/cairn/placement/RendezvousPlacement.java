package io.cairn.placement;

/**
 * Weighted rendezvous (highest random weight) placement. For group {@code g} every drive gets the score
 * {@code -w / ln(U)}, with {@code U} in (0,1) a hash of (g, drive) and {@code w} the drive's weight times its
 * node's; a node's score is its best drive's. The nodes are dealt into k+m classes, one per shard slot, by a
 * hash of (g, node), and slot {@code s} takes the best drive of the best node in class {@code s}: the best drive
 * per node, then the best node, at most one shard per node.
 *
 * <p>Why classes rather than the top k+m of one ranking: shard {@code i} must stay on its drive. In a sorted
 * ranking a newcomer near the top shifts every later shard index; with classes a new node competes for exactly
 * one slot, and takes it only if it outscores that slot's holder, so nothing else moves.
 *
 * <p>A slot whose class is empty (likely only when nodes are fewer than about 3(k+m)) takes, in slot order,
 * the best free drive by a per-slot score among the nodes holding the fewest shards of the group so far: with
 * fewer nodes than k+m, no node holds more than ceil((k+m)/nodes) shards when nodes have enough drives. Such
 * slots can move when a node joins or leaves elsewhere; docs/PLACEMENT.md measures how often.
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
