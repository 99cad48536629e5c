package io.cairn.cluster;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.KeyLockService;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Node;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.placement.Scheme;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.StorageNodeServer;
import io.cairn.tls.ClientTls;
import io.cairn.tls.PemFiles;
import io.cairn.tls.ServerTls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a cluster: optionally the storage node of its own drives (served to the other processes over
 * the node protocol), and the object layer over every drive of the cluster map, its own drives as local
 * stores and everyone else's as {@link io.cairn.storage.node.StorageNodeClient}s. With no local node it is a
 * gateway only.
 *
 * <p>The map is the last one committed ({@link EpochGate}): a node records the epoch-1 map of the peer list at
 * its first start and restarts with whatever epoch it committed since; a joining node waits for the commit
 * that names it. Every few seconds the process looks for a newer committed epoch and switches its placement
 * to it, keeping the epoch it leaves as the one reads fall back to.
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
    /** How often a process looks for a newer committed epoch; the admin waits a few of these before moving data. */
    public static final Duration EPOCH_POLL = Duration.ofSeconds(2);

    /**
     * How to start.
     *
     * @param localNode index in {@code peers} of this process's node, or -1 for a gateway only
     * @param nodeListen where the node protocol binds; null: the node's address in {@code peers}
     * @param join this node is new to a running cluster: it serves its drives and waits for the epoch that
     *             names it instead of recording the peer list's epoch 1
     * @param nodeTls the node protocol's TLS identity with the cluster CA (mutual authentication both ways), or
     *                null for plain connections
     */
    public record Options(PeerList peers, int localNode, List<Path> localDrives, InetSocketAddress nodeListen,
                          Scheme scheme, int stripeSize, Duration driveTimeout, Duration startupWait,
                          byte[] secret, boolean join, PemFiles nodeTls) {
        public Options {
            localDrives = List.copyOf(localDrives);
            if (localNode >= peers.size()) {
                throw new IllegalArgumentException("node index " + localNode + " outside the peer list");
            }
            if (localNode >= 0 && localDrives.size() != peers.drivesPerNode()) {
                throw new IllegalArgumentException("this node has " + localDrives.size()
                        + " drives but every node of the cluster must have " + peers.drivesPerNode());
            }
            if (join && localNode < 0) {
                throw new IllegalArgumentException("--join needs --node-id: only a storage node joins");
            }
            if (nodeTls != null && nodeTls.trustedCa() == null) {
                throw new IllegalArgumentException("node TLS needs the cluster CA: nodes authenticate each other");
            }
        }
    }

    private final StorageNodeServer node;
    private final EventLoopGroup clientLoop;
    private final NodeDirectory directory;
    private final ShardStore localFirstDrive;
    private final EpochPlacement placement;
    private final ErasureObjectService objects;
    private final KeyLockService keyLocks;
    private final ExecutorService lockCalls;
    private final ScheduledExecutorService watcher;

    private ClusterRuntime(StorageNodeServer node, EventLoopGroup clientLoop, NodeDirectory directory,
                           ShardStore localFirstDrive, EpochPlacement placement, ErasureObjectService objects,
                           KeyLockService keyLocks, ExecutorService lockCalls) {
        this.node = node;
        this.clientLoop = clientLoop;
        this.directory = directory;
        this.localFirstDrive = localFirstDrive;
        this.placement = placement;
        this.objects = objects;
        this.keyLocks = keyLocks;
        this.lockCalls = lockCalls;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-epoch-watch");
            t.setDaemon(true);
            return t;
        });
    }

    public static ClusterRuntime start(Options o) throws InterruptedException {
        ClusterMap seed = o.peers().toMap(o.scheme());
        // Both TLS sides load before anything starts, so bad files stop the process at once.
        ClientTls clientTls = o.nodeTls() == null ? null : ClientTls.open("node protocol (client)", o.nodeTls());
        ServerTls serverTls = o.nodeTls() == null || o.localNode() < 0 ? null
                : ServerTls.open("node protocol", o.nodeTls());
        Map<String, ShardStore> local = o.localNode() < 0 ? Map.of() : LocalDrives.open(o.localDrives());
        StorageNodeServer node = null;
        String localId = null;
        if (o.localNode() >= 0) {
            localId = PeerList.nodeId(o.localNode());
            node = StorageNodeServer.start(bindAddress(o, seed.nodes().get(o.localNode())), local, o.secret(),
                    serverTls);
        }
        ShardStore firstDrive = local.get(PeerList.wireDriveId(0));
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // The node client gives up a little before the object layer does, so that it is the client that sees
        // the timeout and marks a hung node offline for everyone, rather than a cancelled call.
        NodeClientConfig clientConfig = new NodeClientConfig(CONNECT_TIMEOUT,
                o.driveTimeout().multipliedBy(4).dividedBy(5), OFFLINE_COOLDOWN, 16, clientTls);
        NodeDirectory directory = new NodeDirectory(localId, local, o.secret(), clientConfig, loop);
        ClusterMap[] maps = o.join() ? awaitJoin(firstDrive, localId, directory) : startingMaps(o, seed, firstDrive, directory);
        ClusterMap map = maps[0];
        List<Node> others = map.nodes().stream().filter(n -> !n.id().equals(PeerList.nodeId(o.localNode()))).toList();
        PeerProbe.awaitAll(others, o.startupWait(), directory::healthy);
        if (localId != null && !o.join()) {
            refuseIfRemoved(map, localId, directory);
        }
        EpochPlacement placement = new EpochPlacement(new ClusterPlacement(map, maps[1], new RendezvousPlacement(),
                directory.stores(map, maps[1])));
        StripeLayout layout = new StripeLayout(map.scheme().k(), map.scheme().m(), o.stripeSize());
        // Writers of one key on different gateways are ordered by leases and fencing tokens on the drives of
        // the key's placement (docs/CLUSTER.md).
        ExecutorService lockCalls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-key-lock");
            t.setDaemon(true);
            return t;
        });
        KeyLockService keyLocks = new QuorumKeyLocks(placement, writeQuorum(map.scheme()), LOCK_LEASE, LOCK_WAIT,
                LOCK_CALL_TIMEOUT, lockCalls);
        ErasureObjectService objects = new ErasureObjectService(placement, layout,
                ErasureObjectService.Options.defaults().withDriveTimeout(o.driveTimeout()).withKeyLocks(keyLocks));
        LOG.info("cluster epoch {}: {} nodes, {} drives, scheme {}, {}", map.epoch(), map.nodes().size(),
                map.driveCount(), map.scheme(), o.localNode() < 0 ? "gateway only"
                        : "this process is " + localId + " serving " + node.address());
        ClusterRuntime runtime = new ClusterRuntime(node, loop, directory, firstDrive, placement, objects, keyLocks,
                lockCalls);
        runtime.watcher.scheduleWithFixedDelay(runtime::checkEpoch, EPOCH_POLL.toMillis(), EPOCH_POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        return runtime;
    }

    /** k, plus one when k == m, so that two write quorums always share a drive. */
    static int writeQuorum(Scheme scheme) {
        return scheme.k() == scheme.m() ? scheme.k() + 1 : scheme.k();
    }

    /** [committed, previous or null]: this node's record, or epoch 1 of the peer list recorded now. */
    private static ClusterMap[] startingMaps(Options o, ClusterMap seed, ShardStore firstDrive,
                                             NodeDirectory directory) {
        if (firstDrive == null) {
            EpochChange nodes = new EpochChange(directory::firstDrive);
            ClusterMap latest = nodes.latestCommitted(seed.nodes()).orElse(seed);
            return new ClusterMap[] {latest, previousOf(latest, seed.nodes(), directory)};
        }
        Optional<ClusterMap> committed = EpochGate.committed(firstDrive);
        if (committed.isEmpty()) {
            firstDrive.writeManifest(EpochGate.VOLUME, EpochGate.COMMITTED, EpochGate.bytes(seed));
            return new ClusterMap[] {seed, null};
        }
        if (committed.get().epoch() == PeerList.EPOCH && !committed.get().equals(seed)) {
            LOG.warn("--peers differs from the epoch-1 map this node recorded; serving the recorded map");
        }
        return new ClusterMap[] {committed.get(), EpochGate.read(firstDrive, EpochGate.PREVIOUS).orElse(null)};
    }

    /**
     * A node removed while it was down still holds a map that names it; serving that map would place new
     * objects where the rest of the cluster no longer looks, so such a node refuses to start. The other
     * nodes' committed maps tell (those that answer within the startup wait).
     */
    private static void refuseIfRemoved(ClusterMap map, String localId, NodeDirectory directory) {
        List<Node> others = map.nodes().stream().filter(n -> !n.id().equals(localId)).toList();
        Optional<ClusterMap> latest = new EpochChange(directory::firstDrive).latestCommitted(others);
        if (latest.isPresent() && latest.get().epoch() > map.epoch() && latest.get().node(localId).isEmpty()) {
            throw new IllegalStateException(localId + " is not in cluster epoch " + latest.get().epoch()
                    + ", which the other nodes committed: it was removed while it was down. To use this machine"
                    + " again, wipe its drives and add it with cairn admin add-node.");
        }
    }

    private static ClusterMap previousOf(ClusterMap latest, List<Node> nodes, NodeDirectory directory) {
        for (Node n : latest.nodes()) {
            try {
                Optional<ClusterMap> p = EpochGate.read(directory.firstDrive(n), EpochGate.PREVIOUS);
                if (p.isPresent() && p.get().epoch() == latest.epoch() - 1) {
                    return p.get();
                }
            } catch (RuntimeException unreachable) {
                // ask the next node
            }
        }
        return null;
    }

    /**
     * A joining node serves its drives and waits until the admin's commit names it. It never held the epoch
     * before, so it learns that one from the other nodes: serving the new epoch without its fallback would
     * read shards that have not moved yet from the wrong drives.
     */
    private static ClusterMap[] awaitJoin(ShardStore firstDrive, String localId, NodeDirectory directory)
            throws InterruptedException {
        LOG.info("{} waits to join: its drives are served, the cluster map epoch that names it is not committed yet",
                localId);
        while (true) {
            Optional<ClusterMap> committed = EpochGate.committed(firstDrive);
            if (committed.isPresent() && committed.get().node(localId).isPresent()) {
                ClusterMap map = committed.get();
                ClusterMap previous = EpochGate.read(firstDrive, EpochGate.PREVIOUS)
                        .orElseGet(() -> previousOf(map, map.nodes(), directory));
                if (previous != null || map.epoch() == PeerList.EPOCH) {
                    return new ClusterMap[] {map, previous};
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Switches to a newer committed epoch, if any; the epoch left becomes the one reads fall back to. */
    private void checkEpoch() {
        try {
            ClusterPlacement now = placement.current();
            Optional<ClusterMap> latest = localFirstDrive != null ? EpochGate.committed(localFirstDrive)
                    : new EpochChange(directory::firstDrive).latestCommitted(now.map().nodes());
            if (latest.isEmpty() || latest.get().epoch() <= now.map().epoch()) {
                return;
            }
            ClusterMap next = latest.get();
            if (!next.scheme().equals(now.map().scheme())) {
                LOG.error("cluster map epoch {} changes the scheme, which this process cannot serve", next.epoch());
                return;
            }
            placement.switchTo(new ClusterPlacement(next, now.map(), new RendezvousPlacement(),
                    directory.stores(next, now.map())));
            LOG.info("cluster epoch {}: {} nodes, {} drives; reads fall back to epoch {} while shards move",
                    next.epoch(), next.nodes().size(), next.driveCount(), now.map().epoch());
            String self = directory.localNodeId();
            if (self != null && next.node(self).isEmpty()) {
                // Removed: its drives are served until the migration has moved their shards, and its gateway
                // places objects by the new map like any other.
                LOG.warn("{} is not in cluster epoch {}: it was removed; its drives are no longer placed and are"
                        + " served only for the migration; this gateway serves the new map", self, next.epoch());
            }
        } catch (RuntimeException e) {
            LOG.warn("looking for a new cluster epoch failed: {}", e.toString());
        }
    }

    private static InetSocketAddress bindAddress(Options o, Node self) {
        InetSocketAddress listen = o.nodeListen() != null ? o.nodeListen()
                : InetSocketAddress.createUnresolved(self.host(), self.port());
        return new InetSocketAddress(listen.getHostString(), listen.getPort());
    }

    /** The map this process serves now. */
    public ClusterMap map() {
        return placement.current().map();
    }

    public ClusterPlacement placement() {
        return placement.current();
    }

    public ErasureObjectService objects() {
        return objects;
    }

    /** Cross-gateway key locks over the placement's drives. */
    public KeyLockService keyLocks() {
        return keyLocks;
    }

    /** Stops the object layer, the connections to other nodes and this process's node, in that order. */
    @Override
    public void close() {
        watcher.shutdownNow();
        objects.close();
        lockCalls.shutdownNow();
        directory.close();
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        if (node != null) {
            node.close();
        }
    }
}
