package io.cairn.placement;

/**
 * Chooses the k+m drives of a placement group. Implementations are deterministic: the same map and group give
 * the same placement on every node, which is what lets any gateway find any object without asking anyone.
 */
public interface PlacementPolicy {
    /** The placement of {@code group} (in [0, map.groupCount())) under {@code map}. */
    Placement place(ClusterMap map, int group);

    /** The placement of an object key: its group's placement. */
    default Placement place(ClusterMap map, String bucket, String key) {
        return place(map, new PlacementGroups(map.groupCount()).groupOf(bucket, key));
    }
}
