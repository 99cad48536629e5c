package io.cairn.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.Scheme;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.storage.node.StorageNodeServer;
import io.cairn.storage.testing.InMemoryShardStore;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two rounds of a cluster map change against five node servers on 127.0.0.1, judged by each node. */
class EpochChangeTest {

    private static final byte[] SECRET = "epoch-test-cluster-secret".getBytes(UTF_8);

    private final List<StorageNodeServer> servers = new ArrayList<>();
    private final List<NodeConnectionPool> pools = new ArrayList<>();
    private final List<InMemoryShardStore> drives = new ArrayList<>();
    private final Map<String, ShardStore> byAddress = new HashMap<>();
    private ClusterMap epoch1;
    private Node fifth;

    @BeforeEach
    void startNodes() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InMemoryShardStore d1 = new InMemoryShardStore("d1");
            drives.add(d1);
            StorageNodeServer server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                    Map.of("d1", new FencedShardStore(new EpochGate(d1))), SECRET);
            servers.add(server);
            String address = "127.0.0.1:" + server.address().getPort();
            NodeConnectionPool pool = new NodeConnectionPool(server.address(), SECRET, NodeClientConfig.defaults());
            pools.add(pool);
            byAddress.put(address, pool.drive("d1"));
            nodes.add(new Node(PeerList.nodeId(i), address, List.of(new Drive(PeerList.nodeId(i) + "-d1", 1.0))));
        }
        epoch1 = new ClusterMap(1, new Scheme(2, 2), 64, nodes.subList(0, 4));
        fifth = nodes.get(4);
        // what every process of the peer list does at its first start
        change().commit(epoch1);
    }

    @AfterEach
    void stop() {
        pools.forEach(NodeConnectionPool::close);
        servers.forEach(StorageNodeServer::close);
    }

    @Test
    void aProposalIsPendingEverywhereAndOnlyTheCommitMakesItTheMap() {
        ClusterMap epoch2 = epoch1.withNode(fifth);
        change().propose(epoch2);
        for (int i = 0; i < 4; i++) {
            assertThat(committedOn(i)).contains(epoch1);
            assertThat(pendingOn(i)).contains(epoch2);
        }
        assertThat(committedOn(4)).isEmpty();
        assertThat(pendingOn(4)).contains(epoch2);

        change().commit(epoch2);
        for (int i = 0; i < 5; i++) {
            assertThat(committedOn(i)).contains(epoch2);
            assertThat(pendingOn(i)).isEmpty();
        }
        assertThat(EpochGate.read(drives.get(0), EpochGate.PREVIOUS)).contains(epoch1);
        assertThat(change().latestCommitted(epoch1.nodes())).contains(epoch2);
    }

    @Test
    void oneRefusingNodeWithdrawsTheProposalFromAllOthers() {
        ClusterMap other = epoch1.withNode(new Node("node9", "127.0.0.1:9", List.of(new Drive("node9-d1", 1.0))));
        byAddress.get(epoch1.nodes().get(2).address()).writeManifest(EpochGate.VOLUME, EpochGate.PENDING,
                EpochGate.bytes(other));

        assertThatThrownBy(() -> change().propose(epoch1.withNode(fifth)))
                .isInstanceOfSatisfying(EpochChange.RefusedException.class, e -> assertThat(e.refusals())
                        .containsOnlyKeys("node3")
                        .hasEntrySatisfying("node3", m -> assertThat(m).contains("epoch 2 is already pending")));
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(pendingOn(i)).isEmpty();
        }
        assertThat(pendingOn(2)).contains(other);
        for (int i = 0; i < 4; i++) {
            assertThat(committedOn(i)).contains(epoch1);
        }
    }

    @Test
    void anEpochThatDoesNotFollowTheCommittedOneIsRefusedByEveryNode() {
        ClusterMap skipping = epoch1.withNode(fifth).withoutNode("node5").withNode(fifth);
        assertThatThrownBy(() -> change().propose(skipping))
                .isInstanceOfSatisfying(EpochChange.RefusedException.class, e -> assertThat(e.refusals())
                        .containsOnlyKeys("node1", "node2", "node3", "node4")
                        .hasEntrySatisfying("node1", m -> assertThat(m)
                                .contains("proposed epoch 4 does not follow the committed epoch 1")));
        for (int i = 0; i < 5; i++) {
            assertThat(pendingOn(i)).isEmpty();
        }
    }

    @Test
    void aCommitWithoutAProposalIsRefused() {
        ClusterMap epoch2 = epoch1.withNode(fifth);
        assertThatThrownBy(() -> change().commit(epoch2))
                .isInstanceOf(EpochChange.RefusedException.class)
                .hasMessageContaining("epoch 2 is not the map pending on this node");
        for (int i = 0; i < 4; i++) {
            assertThat(committedOn(i)).contains(epoch1);
        }
    }

    @Test
    void anAdminDyingBetweenTheRoundsLeavesThePendingMapWhichARerunCommits() {
        ClusterMap epoch2 = epoch1.withNode(fifth);
        change().propose(epoch2);
        // the admin is gone; one node even got the commit before it died
        byAddress.get(epoch1.nodes().get(1).address()).writeManifest(EpochGate.VOLUME, EpochGate.COMMITTED,
                EpochGate.bytes(epoch2));
        assertThat(committedOn(0)).contains(epoch1);
        assertThat(committedOn(1)).contains(epoch2);

        EpochChange rerun = change();
        rerun.propose(epoch2);
        rerun.commit(epoch2);
        for (int i = 0; i < 5; i++) {
            assertThat(committedOn(i)).contains(epoch2);
            assertThat(pendingOn(i)).isEmpty();
        }
    }

    @Test
    void aSecondConcurrentProposalIsRefusedAndTheFirstStillCommits() {
        ClusterMap first = epoch1.withNode(fifth);
        ClusterMap second = epoch1.withNode(new Node("node5", fifth.address(),
                List.of(new Drive("node5-d1", 1.0), new Drive("node5-d2", 1.0))));
        change().propose(first);
        assertThatThrownBy(() -> change().propose(second))
                .isInstanceOfSatisfying(EpochChange.RefusedException.class, e -> assertThat(e.refusals())
                        .containsOnlyKeys("node1", "node2", "node3", "node4", "node5"));
        for (int i = 0; i < 5; i++) {
            assertThat(pendingOn(i)).contains(first);
        }
        change().commit(first);
        for (int i = 0; i < 5; i++) {
            assertThat(committedOn(i)).contains(first);
        }
    }

    @Test
    void theMapVolumeTakesNothingButProposalsCommitsAndWithdrawals() {
        ShardStore d1 = byAddress.get(epoch1.nodes().get(0).address());
        assertThatThrownBy(() -> d1.writeManifest(EpochGate.VOLUME, EpochGate.PREVIOUS, EpochGate.bytes(epoch1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d1.deleteManifest(EpochGate.VOLUME, EpochGate.COMMITTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d1.writeManifest(EpochGate.VOLUME, EpochGate.PENDING, "{}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cluster map");
        assertThat(committedOn(0)).contains(epoch1);
    }

    private EpochChange change() {
        return new EpochChange(n -> byAddress.get(n.address()));
    }

    private Optional<ClusterMap> committedOn(int node) {
        return EpochGate.committed(drives.get(node));
    }

    private Optional<ClusterMap> pendingOn(int node) {
        return EpochGate.read(drives.get(node), EpochGate.PENDING);
    }
}
