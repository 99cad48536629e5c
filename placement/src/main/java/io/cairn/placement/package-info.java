/**
 * Consistent-hash placement of objects on drives: cluster map, placement groups, rebalance plans. The cluster
 * map's pins carry a group's shard order from one epoch to the next, so a node joining or leaving moves only
 * the shards that must move.
 */
package io.cairn.placement;
