package io.cairn.placement;

/**
 * One drive of a node. The id is unique in the whole cluster (e.g. {@code node3/d2}) because placements and
 * rebalance plans name drives by id alone. The weight is relative capacity (e.g. TiB).
 */
public record Drive(String id, double weight) {
    public Drive {
        Names.requireId("drive id", id);
        Names.requireWeight("drive " + id, weight);
    }
}
