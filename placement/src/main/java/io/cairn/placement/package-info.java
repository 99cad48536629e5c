/** Consistent-hash placement of objects on drives: cluster map, placement groups, rebalance plans. */
package io.cairn.placement;
