/**
 * Cluster mode of the gateway: the cluster map derived from the {@code --peers} list that every process is
 * given ({@link io.cairn.cluster.PeerList}), the scheme chosen by cluster size
 * ({@link io.cairn.cluster.ClusterSchemes}), the placement of a key on local and remote drives
 * ({@link io.cairn.cluster.ClusterPlacement}) and the wiring of one process as gateway plus storage
 * node ({@link io.cairn.cluster.ClusterRuntime}). Growing the cluster: epochs of the map agreed in two
 * rounds ({@link io.cairn.cluster.EpochChange}, judged on each node by {@code EpochGate}), reads that
 * fall back to the previous epoch ({@code MigratingDrive}) and the migration of moved shards
 * ({@link io.cairn.cluster.ShardMigration}, driven by {@link io.cairn.cluster.NodeAddition}).
 * Shrinking it: {@link io.cairn.cluster.NodeRemoval}, whose removed node's drives are departing (what
 * they cannot give is rebuilt onto the new drives); both changes share {@code MapChange}. See docs/CLUSTER.md.
 */
package io.cairn.cluster;
