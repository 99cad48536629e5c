package io.cairn.gateway.cluster;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.object.ErasureObjectService;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.RebalancePlan;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.storage.node.NodeClientConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code cairn admin add-node}: the whole growth of a cluster by one node, driven from outside the cluster.
 * <ol>
 * <li>read the latest committed map from the nodes named;</li>
 * <li>propose epoch+1 with the new node to every node of it ({@link EpochChange});</li>
 * <li>give the new node's drives every bucket and its configuration ({@link NewDrives});</li>
 * <li>commit; wait until every process has had time to switch to the new epoch;</li>
 * <li>move the shards whose slot changed drive ({@link ShardMigration}), reporting progress.</li>
 * </ol>
 * Every step can run again: if the node is already in the latest committed map, the command completes the
 * commit and the migration that a dead admin left behind.
 */
public final class NodeAddition {

    /** What to add, and how fast to move data. */
    public record Request(List<String> knownNodes, String address, int drives, double objectsPerSecond,
                          Duration settle) {
        public Request {
            knownNodes = List.copyOf(knownNodes);
            if (knownNodes.isEmpty()) {
                throw new IllegalArgumentException("name at least one node of the cluster");
            }
            if (drives < 1) {
                throw new IllegalArgumentException("the new node needs at least one drive");
            }
        }
    }

    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Heals rebuild with each version's own stripe size; this one is for new writes, which the admin makes none of. */
    private static final int STRIPE_FOR_REBUILDS = 1 << 20;

    private NodeAddition() {
    }

    /** Runs the growth; returns the migration's last progress. */
    public static ShardMigration.Progress run(Request r, byte[] secret, PrintWriter out) throws InterruptedException {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService lockCalls = Executors.newCachedThreadPool(t -> {
            Thread th = new Thread(t, "cairn-admin-lock");
            th.setDaemon(true);
            return th;
        });
        NodeClientConfig config = new NodeClientConfig(Duration.ofSeconds(2), CALL_TIMEOUT, Duration.ofSeconds(1), 8);
        try (NodeDirectory directory = new NodeDirectory(null, Map.of(), secret, config, loop)) {
            EpochChange change = new EpochChange(directory::firstDrive);
            ClusterMap current = change.latestCommitted(probes(r.knownNodes())).orElseThrow(() ->
                    new IllegalStateException("no node of " + r.knownNodes() + " answers with a committed cluster map"));
            ClusterMap before;
            ClusterMap next;
            if (current.nodes().stream().anyMatch(n -> n.address().equals(r.address()))) {
                next = current;
                before = previous(next, directory).orElseThrow(() -> new IllegalStateException(
                        r.address() + " is in epoch " + next.epoch() + " but no node knows the epoch before it"));
                out.printf("%s is already in epoch %d: completing its commit and migration%n", r.address(),
                        next.epoch());
            } else {
                before = current;
                next = current.withNode(newNode(current, r));
                change.propose(next);
                out.printf("epoch %d proposed to %d nodes: pending everywhere%n", next.epoch(), next.nodes().size());
                int buckets = NewDrives.prepare(before, next, directory.stores(before, next)::get);
                out.printf("new drives ready: buckets and their configuration (%d buckets)%n", buckets);
            }
            change.commit(next);
            RebalancePlan plan = RebalancePlan.between(before, next);
            out.printf(Locale.ROOT, "epoch %d committed on every node; %d of %d shard slots move (%.1f%%)%n",
                    next.epoch(), plan.slotsMoved(), plan.totalSlots(), 100 * plan.movedFraction());
            out.flush();
            // Gateways switch within one poll; until then some still write by the old epoch.
            TimeUnit.MILLISECONDS.sleep(r.settle().toMillis());
            ClusterPlacement placement = new ClusterPlacement(next, before, new RendezvousPlacement(),
                    directory.stores(next, before));
            int quorum = ClusterRuntime.writeQuorum(next.scheme());
            QuorumKeyLocks locks = new QuorumKeyLocks(placement, quorum, LOCK_LEASE, LOCK_WAIT, CALL_TIMEOUT,
                    lockCalls);
            ErasureObjectService healer = new ErasureObjectService(placement, new StripeLayout(next.scheme().k(),
                    next.scheme().m(), STRIPE_FOR_REBUILDS), ErasureObjectService.Options.defaults()
                    .withDriveTimeout(CALL_TIMEOUT).withKeyLocks(locks));
            ShardMigration migration = new ShardMigration(placement, locks, next.scheme().k(), r.objectsPerSecond(),
                    healer::healObject);
            ShardMigration.Progress last;
            try {
                last = migrate(migration, out);
            } finally {
                healer.close();
            }
            out.printf("done: epoch %d, %d nodes%n", next.epoch(), next.nodes().size());
            out.flush();
            return last;
        } finally {
            lockCalls.shutdownNow();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private static ShardMigration.Progress migrate(ShardMigration migration, PrintWriter out)
            throws InterruptedException {
        return migration.run(p -> {
            out.printf(Locale.ROOT, "migrated %d/%d objects, %d shards copied, %d left to heal, %.1f objects/s%n",
                    p.done(), p.total(), p.copiedShards(), p.leftToHeal(), p.objectsPerSecond());
            out.flush();
        });
    }

    private static Node newNode(ClusterMap current, Request r) {
        String id = PeerList.nodeId(current.nodes().size());
        List<Drive> drives = new ArrayList<>();
        for (int j = 0; j < r.drives(); j++) {
            drives.add(new Drive(id + "-" + PeerList.wireDriveId(j), 1.0));
        }
        return new Node(id, r.address(), drives);
    }

    /** Nodes known only by address, to ask for their committed map. */
    private static List<Node> probes(List<String> addresses) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(new Node("probe" + i, addresses.get(i), List.of(new Drive("probe" + i + "-d1", 1.0))));
        }
        return out;
    }

    private static Optional<ClusterMap> previous(ClusterMap map, NodeDirectory directory) {
        for (Node n : map.nodes()) {
            try {
                Optional<ClusterMap> p = EpochGate.read(directory.firstDrive(n), EpochGate.PREVIOUS);
                if (p.isPresent() && p.get().epoch() == map.epoch() - 1) {
                    return p;
                }
            } catch (RuntimeException unreachable) {
                // ask the next node
            }
        }
        return Optional.empty();
    }
}
