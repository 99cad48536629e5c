package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Node;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stores of every drive any epoch names: this process's own node's drives as local stores, every other
 * node through one connection pool per address, opened on first use (a node added by a later epoch gets its
 * pool when that epoch arrives). A node's drive {@code j} of the map is {@code d<j>} on its wire.
 */
final class NodeDirectory implements AutoCloseable {

    private final String localNodeId;
    private final Map<String, ShardStore> local;
    private final byte[] secret;
    private final NodeClientConfig config;
    private final EventLoopGroup loop;
    private final Map<String, NodeConnectionPool> pools = new ConcurrentHashMap<>();

    /** {@code localNodeId}: the map's id of this process's node, or null for a gateway only. */
    NodeDirectory(String localNodeId, Map<String, ShardStore> local, byte[] secret, NodeClientConfig config,
                  EventLoopGroup loop) {
        this.localNodeId = localNodeId;
        this.local = Map.copyOf(local);
        this.secret = secret;
        this.config = config;
        this.loop = loop;
    }

    /** The map's id of this process's node, or null for a gateway only. */
    String localNodeId() {
        return localNodeId;
    }

    /** Drive {@code index} (from 0) of {@code node}. */
    ShardStore drive(Node node, int index) {
        String wire = PeerList.wireDriveId(index);
        if (node.id().equals(localNodeId)) {
            return local.get(wire);
        }
        return pool(node).drive(wire);
    }

    private NodeConnectionPool pool(Node node) {
        return pools.computeIfAbsent(node.address(), a -> new NodeConnectionPool(
                InetSocketAddress.createUnresolved(node.host(), node.port()), secret, config, loop));
    }

    ShardStore firstDrive(Node node) {
        return drive(node, 0);
    }

    /** Whether another node answers its health path over the node protocol's connections (and TLS). */
    boolean healthy(Node node) {
        return node.id().equals(localNodeId) || pool(node).healthy();
    }

    /** Map drive id -> store, for every drive of the given maps (null maps are skipped). */
    Map<String, ShardStore> stores(ClusterMap... maps) {
        Map<String, ShardStore> out = new HashMap<>();
        for (ClusterMap map : maps) {
            if (map == null) {
                continue;
            }
            for (Node n : map.nodes()) {
                for (int j = 0; j < n.drives().size(); j++) {
                    out.put(n.drives().get(j).id(), drive(n, j));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        pools.values().forEach(NodeConnectionPool::close);
    }
}
