package io.cairn.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.ObjectContent;
import io.cairn.object.PutOptions;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.placement.Scheme;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.storage.node.StorageNodeServer;
import io.cairn.storage.testing.FaultyShardStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn admin remove-node} against node servers on 127.0.0.1 over file drives (one per node, 2+2): a dead
 * node's slots are rebuilt from the other shards until every object has all four shards on the nodes left, a
 * re-run moves nothing, a live node's slots are copied and it takes the new map, and a removal that would leave
 * fewer drives than k+m, or of an unknown node, is refused before anything changes.
 */
class NodeRemovalTest {

    private static final byte[] SECRET = "removal-test-cluster-secret".getBytes(UTF_8);
    private static final String BUCKET = "bkt";
    private static final int STRIPE = 4096;

    @TempDir
    Path root;

    private final List<StorageNodeServer> servers = new ArrayList<>();
    private final List<NodeConnectionPool> pools = new ArrayList<>();
    private final Map<String, ShardStore> remote = new HashMap<>();
    private final Map<String, FileShardStore> files = new HashMap<>();
    private final Map<String, byte[]> expected = new LinkedHashMap<>();
    private ClusterMap epoch1;

    /** Starts {@code n} node servers of one fenced file drive each and commits epoch 1 of them on every one. */
    private void startNodes(int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = PeerList.nodeId(i);
            FileShardStore drive = new FileShardStore(root.resolve(id));
            files.put(id + "-d1", drive);
            StorageNodeServer server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                    Map.of("d1", new FencedShardStore(new EpochGate(drive))), SECRET);
            servers.add(server);
            NodeConnectionPool pool = new NodeConnectionPool(server.address(), SECRET, NodeClientConfig.defaults());
            pools.add(pool);
            remote.put(id + "-d1", pool.drive("d1"));
            nodes.add(new Node(id, "127.0.0.1:" + server.address().getPort(), List.of(new Drive(id + "-d1", 1.0))));
        }
        epoch1 = new ClusterMap(1, new Scheme(2, 2), 64, nodes);
        new EpochChange(node -> remote.get(node.id() + "-d1")).commit(epoch1);
    }

    @AfterEach
    void stop() {
        pools.forEach(NodeConnectionPool::close);
        servers.forEach(StorageNodeServer::close);
    }

    @Test
    void aDeadNodesSlotsAreRebuiltUntilEveryObjectHasAllItsShardsOnTheNodesLeft() throws Exception {
        startNodes(5);
        writeObjects(30);
        servers.get(4).close();

        StringWriter log = new StringWriter();
        ShardMigration.Progress done = remove("node5", log);
        assertThat(log.toString()).contains("epoch 2 proposed to 4 nodes without node5: pending everywhere",
                "epoch 2 committed on every node", "node5 does not answer", "done: epoch 2, 4 nodes");
        assertThat(done.done()).as(log.toString()).isEqualTo(done.total()).isPositive();
        assertThat(done.leftToHeal()).as(log.toString()).isZero();
        assertThat(done.copiedShards()).as("nothing can be copied from a dead node").isZero();
        assertThat(done.rebuiltShards()).as(log.toString()).isPositive();

        ClusterMap epoch2 = committedOn("node1").orElseThrow();
        assertThat(epoch2.epoch()).isEqualTo(2);
        assertThat(epoch2.node("node5")).isEmpty();
        for (String id : List.of("node2", "node3", "node4")) {
            assertThat(committedOn(id)).contains(epoch2);
        }
        assertEveryShardOnTheNewPlacement(epoch2);
        assertReadableWithout(epoch2, "node1-d1", "node3-d1");

        StringWriter again = new StringWriter();
        ShardMigration.Progress rerun = remove("node5", again);
        assertThat(again.toString()).contains("node5 is already gone from epoch 2: completing its commit");
        assertThat(rerun.copiedShards()).as("a re-run copies nothing").isZero();
        assertThat(rerun.rebuiltShards()).as("a re-run rebuilds nothing").isZero();
        assertThat(rerun.leftToHeal()).isZero();
        assertThat(committedOn("node1")).contains(epoch2);
    }

    @Test
    void aLiveNodesSlotsAreCopiedAndItTakesTheNewMap() throws Exception {
        startNodes(5);
        writeObjects(20);

        StringWriter log = new StringWriter();
        ShardMigration.Progress done = remove("node3", log);
        assertThat(log.toString()).contains("node3 took epoch 2");
        assertThat(done.leftToHeal()).isZero();
        assertThat(done.copiedShards()).as(log.toString()).isPositive();
        assertThat(done.rebuiltShards()).as("a live node gives its shards").isZero();

        ClusterMap epoch2 = committedOn("node1").orElseThrow();
        assertThat(committedOn("node3")).as("the removed node's record").contains(epoch2);
        assertEveryShardOnTheNewPlacement(epoch2);
        assertThat(files.get("node3-d1").list(BUCKET, "", "", 1000).keys())
                .as("old copies removed from the node that left").isEmpty();
        assertReadableWithout(epoch2, "node2-d1", "node5-d1");
    }

    @Test
    void aRemovalThatLeavesFewerDrivesThanTheSchemeNeedsIsRefused() {
        startNodes(4);
        assertThatThrownBy(() -> remove("node4", new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot remove node4: the 3 drives left cannot hold scheme 2+2, which needs 4");
        assertThatThrownBy(() -> remove("node9", new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no node node9 in epoch 1 (nodes node1,node2,node3,node4)");
        for (int i = 0; i < 4; i++) {
            String id = PeerList.nodeId(i);
            assertThat(committedOn(id)).contains(epoch1);
            assertThat(EpochGate.read(files.get(id + "-d1"), EpochGate.PENDING)).as(id).isEmpty();
        }
    }

    private ShardMigration.Progress remove(String node, StringWriter log) throws InterruptedException {
        List<String> stay = epoch1.nodes().stream().filter(n -> !n.id().equals(node)).map(Node::address).toList();
        return NodeRemoval.run(new NodeRemoval.Request(stay, node, 0, Duration.ZERO), SECRET, null,
                new PrintWriter(log, true));
    }

    private void writeObjects(int count) {
        Random random = new Random(11);
        try (ErasureObjectService s = service(new ClusterPlacement(epoch1, new RendezvousPlacement(), remote))) {
            s.createBucket(BUCKET);
            for (int i = 0; i < count; i++) {
                // Mostly objects kept in shard files, every fifth one small enough to live in its manifest.
                byte[] data = new byte[i % 5 == 0 ? random.nextInt(200) : 17 * 1024 + random.nextInt(5 * STRIPE)];
                random.nextBytes(data);
                String key = "obj/" + i;
                s.putObject(BUCKET, key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
                expected.put(key, data);
            }
        }
    }

    private static ErasureObjectService service(ClusterPlacement p) {
        return new ErasureObjectService(p, new StripeLayout(2, 2, STRIPE), ErasureObjectService.Options.defaults());
    }

    /** Every drive of each object's placement under {@code map} holds the agreed manifest and every shard. */
    private void assertEveryShardOnTheNewPlacement(ClusterMap map) {
        ClusterPlacement p = new ClusterPlacement(map, new RendezvousPlacement(), new HashMap<String, ShardStore>(files));
        for (String key : expected.keySet()) {
            List<String> drives = p.driveIds(p.groupOf(BUCKET, key));
            assertThat(drives).hasSize(4).doesNotHaveDuplicates()
                    .isSubsetOf(map.nodes().stream().map(n -> n.id() + "-d1").toList());
            byte[] manifest = files.get(drives.get(0)).readManifest(BUCKET, key);
            List<ShardId> shards = ShardMigration.shards(BUCKET, key, manifest);
            assertThat(shards.isEmpty()).as("%s kept in its manifest", key).isEqualTo(expected.get(key).length < 1024);
            for (String d : drives) {
                assertThat(files.get(d).readManifest(BUCKET, key)).as("%s on %s", key, d).isEqualTo(manifest);
                for (ShardId id : shards) {
                    try (ShardReader r = files.get(d).openShard(id)) {
                        assertThat(r.length()).as("%s %s on %s", key, id.part(), d).isPositive();
                        r.readCells(0, (int) ((r.length() + r.cellSize() - 1) / r.cellSize()));
                    } catch (NotFoundException e) {
                        throw new AssertionError(key + " " + id.part() + " is missing on " + d, e);
                    }
                }
            }
        }
    }

    /** Reads every object over {@code map}'s placement of the file drives with two of them offline (m). */
    private void assertReadableWithout(ClusterMap map, String... offline) throws Exception {
        Map<String, ShardStore> stores = new HashMap<>();
        files.forEach((id, f) -> stores.put(id, new FaultyShardStore(f)));
        for (String id : offline) {
            ((FaultyShardStore) stores.get(id)).offline();
        }
        try (ErasureObjectService s = service(new ClusterPlacement(map, new RendezvousPlacement(), stores))) {
            for (var e : expected.entrySet()) {
                assertThat(sha256(get(s, e.getKey()))).as(e.getKey()).isEqualTo(sha256(e.getValue()));
            }
        }
    }

    private static byte[] get(ErasureObjectService s, String key) {
        try (ObjectContent c = s.getObject(BUCKET, key, null, null)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            return all.array();
        }
    }

    private Optional<ClusterMap> committedOn(String node) {
        return EpochGate.committed(files.get(node + "-d1"));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
