package io.cairn.cluster;

import io.cairn.placement.Scheme;

/**
 * The erasure scheme a cluster uses when none is configured, chosen by the number of nodes as MinIO chooses
 * parity: 4-5 nodes 2 parity, 6-7 nodes 3, 8 or more 4. Every placement is one shard per node up to 16 nodes
 * wide, so the cluster survives the loss of m whole nodes.
 *
 * <p>Below 4 nodes one shard per node cannot give both k >= m and two lost shards, so the scheme is chosen by
 * drives instead: 2+2 when the cluster has 4 drives or more, else 1+1. With 2 or 3 nodes some node then holds
 * two shards of an object; docs/CLUSTER.md spells out what survives.
 */
public final class ClusterSchemes {

    /** Wider placements only add latency and per-request fan-out; MinIO's erasure sets stop at 16 too. */
    static final int MAX_WIDTH = 16;

    private ClusterSchemes() {
    }

    public static Scheme forCluster(int nodes, int drives) {
        if (nodes < 1 || drives < nodes) {
            throw new IllegalArgumentException("a cluster needs at least one node and one drive per node, not "
                    + nodes + " nodes and " + drives + " drives");
        }
        if (nodes < 4) {
            if (drives < 2) {
                throw new IllegalArgumentException("a cluster needs at least 2 drives, not " + drives);
            }
            return drives >= 4 ? new Scheme(2, 2) : new Scheme(1, 1);
        }
        int width = Math.min(nodes, MAX_WIDTH);
        int parity = nodes <= 5 ? 2 : nodes <= 7 ? 3 : 4;
        return new Scheme(width - parity, parity);
    }
}
