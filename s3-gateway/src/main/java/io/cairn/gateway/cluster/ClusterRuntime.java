package io.cairn.gateway.cluster;

import io.cairn.gateway.object.KeyLockService;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.object.ErasureObjectService;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Node;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.placement.Scheme;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.storage.node.StorageNodeServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a cluster: optionally the storage node of its own drives (served to the other processes over
 * the node protocol), and the object layer over every drive of the cluster map, its own drives as local
 * stores and everyone else's as {@link io.cairn.storage.node.StorageNodeClient}s. With no local node it is a
 * gateway only.
 */
public final class ClusterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRuntime.class);
    /** A dropped connection is retried after this; short, since a restarted node should be used again soon. */
    private static final Duration OFFLINE_COOLDOWN = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Locks are held around a manifest's read-modify-write only, so seconds are plenty. */
    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration LOCK_CALL_TIMEOUT = Duration.ofSeconds(2);

    private final ExecutorService lockCalls;

    /**
     * How to start.
     *
     * @param localNode index in {@code peers} of this process's node, or -1 for a gateway only
     * @param nodeListen where the node protocol binds; null: the node's address in {@code peers}
     */
    public record Options(PeerList peers, int localNode, List<Path> localDrives, InetSocketAddress nodeListen,
                          Scheme scheme, int stripeSize, Duration driveTimeout, Duration startupWait,
                          byte[] secret) {
        public Options {
            localDrives = List.copyOf(localDrives);
            if (localNode >= peers.size()) {
                throw new IllegalArgumentException("node index " + localNode + " outside the peer list");
            }
            if (localNode >= 0 && localDrives.size() != peers.drivesPerNode()) {
                throw new IllegalArgumentException("this node has " + localDrives.size()
                        + " drives but every node of the cluster must have " + peers.drivesPerNode());
            }
        }
    }

    private final ClusterMap map;
    private final StorageNodeServer node;
    private final EventLoopGroup clientLoop;
    private final List<NodeConnectionPool> pools;
    private final ErasureObjectService objects;
    private final ClusterPlacement placement;
    private final KeyLockService keyLocks;

    private ClusterRuntime(ClusterMap map, StorageNodeServer node, EventLoopGroup clientLoop,
                           List<NodeConnectionPool> pools, ClusterPlacement placement, ErasureObjectService objects,
                           KeyLockService keyLocks, ExecutorService lockCalls) {
        this.map = map;
        this.node = node;
        this.clientLoop = clientLoop;
        this.pools = pools;
        this.placement = placement;
        this.objects = objects;
        this.keyLocks = keyLocks;
        this.lockCalls = lockCalls;
    }

    public static ClusterRuntime start(Options o) throws InterruptedException {
        ClusterMap map = o.peers().toMap(o.scheme());
        Map<String, ShardStore> local = o.localNode() < 0 ? Map.of() : LocalDrives.open(o.localDrives());
        StorageNodeServer node = null;
        if (o.localNode() >= 0) {
            node = StorageNodeServer.start(bindAddress(o, map.nodes().get(o.localNode())), local, o.secret());
        }
        List<String> others = new ArrayList<>(o.peers().addresses());
        if (o.localNode() >= 0) {
            others.remove(o.localNode());
        }
        PeerProbe.awaitAll(others, o.startupWait());
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<NodeConnectionPool> pools = new ArrayList<>();
        Map<String, ShardStore> stores = stores(map, o, local, loop, pools);
        ClusterPlacement placement = new ClusterPlacement(map, new RendezvousPlacement(), stores);
        StripeLayout layout = new StripeLayout(o.scheme().k(), o.scheme().m(), o.stripeSize());
        // Writers of one key on different gateways are ordered by leases and fencing tokens on the drives of
        // the key's placement (docs/CLUSTER.md).
        ExecutorService lockCalls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-key-lock");
            t.setDaemon(true);
            return t;
        });
        int writeQuorum = layout.dataShards() == layout.parityShards() ? layout.dataShards() + 1 : layout.dataShards();
        KeyLockService keyLocks = new QuorumKeyLocks(placement, writeQuorum, LOCK_LEASE, LOCK_WAIT,
                LOCK_CALL_TIMEOUT, lockCalls);
        ErasureObjectService objects = new ErasureObjectService(placement, layout,
                ErasureObjectService.Options.defaults().withDriveTimeout(o.driveTimeout()).withKeyLocks(keyLocks));
        LOG.info("cluster epoch {}: {} nodes, {} drives, scheme {}, {}", map.epoch(), map.nodes().size(),
                map.driveCount(), o.scheme(), o.localNode() < 0 ? "gateway only"
                        : "this process is " + map.nodes().get(o.localNode()).id() + " serving " + node.address());
        return new ClusterRuntime(map, node, loop, pools, placement, objects, keyLocks, lockCalls);
    }

    /** Every drive of the map: this node's own stores, and one connection pool per other node. */
    private static Map<String, ShardStore> stores(ClusterMap map, Options o, Map<String, ShardStore> local,
                                                  EventLoopGroup loop, List<NodeConnectionPool> pools) {
        // The node client gives up a little before the object layer does, so that it is the client that sees
        // the timeout and marks a hung node offline for everyone, rather than a cancelled call.
        NodeClientConfig clientConfig = new NodeClientConfig(CONNECT_TIMEOUT,
                o.driveTimeout().multipliedBy(4).dividedBy(5), OFFLINE_COOLDOWN, 16);
        Map<String, ShardStore> stores = new HashMap<>();
        for (int i = 0; i < map.nodes().size(); i++) {
            Node n = map.nodes().get(i);
            NodeConnectionPool pool = null;
            if (i != o.localNode()) {
                pool = new NodeConnectionPool(InetSocketAddress.createUnresolved(n.host(), n.port()), o.secret(),
                        clientConfig, loop);
                pools.add(pool);
            }
            for (int j = 0; j < n.drives().size(); j++) {
                String wire = PeerList.wireDriveId(j);
                stores.put(n.drives().get(j).id(), pool == null ? local.get(wire) : pool.drive(wire));
            }
        }
        return stores;
    }

    private static InetSocketAddress bindAddress(Options o, Node self) {
        InetSocketAddress listen = o.nodeListen() != null ? o.nodeListen()
                : InetSocketAddress.createUnresolved(self.host(), self.port());
        return new InetSocketAddress(listen.getHostString(), listen.getPort());
    }

    public ClusterMap map() {
        return map;
    }

    public ClusterPlacement placement() {
        return placement;
    }

    public ErasureObjectService objects() {
        return objects;
    }

    /** Cross-gateway key locks over the placement's drives (not yet used by the object layer's writes). */
    public KeyLockService keyLocks() {
        return keyLocks;
    }

    /** Stops the object layer, the connections to other nodes and this process's node, in that order. */
    @Override
    public void close() {
        objects.close();
        lockCalls.shutdownNow();
        pools.forEach(NodeConnectionPool::close);
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        if (node != null) {
            node.close();
        }
    }
}
