package io.cairn.cluster;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.RebalancePlan;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.tls.ClientTls;
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
 * What {@code cairn admin add-node} and {@code remove-node} share: the admin's connections to the nodes, the
 * committed maps it reads from them, the commit round with its report, and the migration that follows it
 * (wait until every process had time to switch, then move the slots whose drive changed, rebuilding what an
 * old drive cannot give). {@link NodeAddition} and {@link NodeRemoval} decide the next map.
 */
final class MapChange implements AutoCloseable {

    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Heals rebuild with each version's own stripe size; this one is for new writes, which the admin makes none of. */
    private static final int STRIPE_FOR_REBUILDS = 1 << 20;

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService lockCalls = Executors.newCachedThreadPool(t -> {
        Thread th = new Thread(t, "cairn-admin-lock");
        th.setDaemon(true);
        return th;
    });
    private final NodeDirectory directory;
    private final EpochChange change;
    private final PrintWriter out;

    /** {@code tls}: the admin's certificate of the cluster CA when the nodes speak TLS, else null. */
    MapChange(byte[] secret, ClientTls tls, PrintWriter out) {
        NodeClientConfig config = new NodeClientConfig(Duration.ofSeconds(2), CALL_TIMEOUT, Duration.ofSeconds(1), 8,
                tls);
        this.directory = new NodeDirectory(null, Map.of(), secret, config, loop);
        this.change = new EpochChange(directory::firstDrive);
        this.out = out;
    }

    EpochChange epochs() {
        return change;
    }

    NodeDirectory directory() {
        return directory;
    }

    /** The highest committed map of the nodes at {@code addresses}; refused when none answers. */
    ClusterMap latestCommitted(List<String> addresses) {
        return change.latestCommitted(probes(addresses)).orElseThrow(() ->
                new IllegalStateException("no node of " + addresses + " answers with a committed cluster map"));
    }

    /** The epoch before {@code map}, as some node of it recorded it. */
    Optional<ClusterMap> previous(ClusterMap map) {
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

    void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
        out.flush();
    }

    /** Round two, then how much moves. */
    void commit(ClusterMap before, ClusterMap next) {
        change.commit(next);
        RebalancePlan plan = RebalancePlan.between(before, next);
        printf("epoch %d committed on every node; %d of %d shard slots move (%.1f%%)%n", next.epoch(),
                plan.slotsMoved(), plan.totalSlots(), 100 * plan.movedFraction());
    }

    /**
     * Waits {@code settle} (gateways switch within one poll; until then some still write by the old epoch), then
     * moves the slots whose drive changed at {@code objectsPerSecond}, printing progress; returns the last.
     */
    ShardMigration.Progress migrate(ClusterMap before, ClusterMap next, double objectsPerSecond, Duration settle)
            throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(settle.toMillis());
        ClusterPlacement placement = new ClusterPlacement(next, before, new RendezvousPlacement(),
                directory.stores(next, before));
        QuorumKeyLocks locks = new QuorumKeyLocks(placement, ClusterRuntime.writeQuorum(next.scheme()), LOCK_LEASE,
                LOCK_WAIT, CALL_TIMEOUT, lockCalls);
        ShardMigration.Progress last;
        try (ErasureObjectService healer = new ErasureObjectService(placement, new StripeLayout(next.scheme().k(),
                next.scheme().m(), STRIPE_FOR_REBUILDS), ErasureObjectService.Options.defaults()
                .withDriveTimeout(CALL_TIMEOUT).withKeyLocks(locks))) {
            ShardMigration migration = new ShardMigration(placement, locks, next.scheme().k(), objectsPerSecond,
                    healer::healObject);
            last = migration.run(p -> printf(
                    "migrated %d/%d objects, %d shards copied, %d rebuilt, %d left to heal, %.1f objects/s%n",
                    p.done(), p.total(), p.copiedShards(), p.rebuiltShards(), p.leftToHeal(), p.objectsPerSecond()));
        }
        printf("done: epoch %d, %d nodes%n", next.epoch(), next.nodes().size());
        return last;
    }

    /** Nodes known only by address, to ask for their committed map. */
    private static List<Node> probes(List<String> addresses) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(new Node("probe" + i, addresses.get(i), List.of(new Drive("probe" + i + "-d1", 1.0))));
        }
        return out;
    }

    @Override
    public void close() {
        directory.close();
        lockCalls.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
