package io.cairn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.InProcessKeyLocks;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.PutOptions;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.placement.Scheme;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.FaultyShardStore;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growing 4 nodes (2+2) to 5: objects stay readable through the new epoch's placement before, during and after
 * their shards move, writes and deletes of the new epoch win over old copies, a shard lost on its old drive is
 * rebuilt on the new one, a re-run moves nothing, and
 * afterwards the new placement alone serves every object, also without two of its nodes.
 */
class ShardMigrationTest {

    private static final int STRIPE = 4096;

    @TempDir
    Path root;

    private final Map<String, FaultyShardStore> stores = new HashMap<>();
    private final Map<String, byte[]> expected = new LinkedHashMap<>();

    private ClusterMap map(int nodes) {
        List<Node> list = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String id = PeerList.nodeId(i);
            list.add(new Node(id, "127.0.0.1:" + (7000 + i), List.of(new Drive(id + "-d1", 1.0))));
        }
        return new ClusterMap(1, new Scheme(2, 2), 64, list);
    }

    private Map<String, ShardStore> open(ClusterMap map) {
        map.nodes().forEach(n -> n.drives().forEach(d -> stores.computeIfAbsent(d.id(),
                id -> new FaultyShardStore(new FileShardStore(root.resolve(id))))));
        return new HashMap<>(stores);
    }

    private static ErasureObjectService service(ClusterPlacement p) {
        // objects of a few stripes of 4 KiB: keep them in shard files (not inline) so that shards move
        return new ErasureObjectService(p, new StripeLayout(2, 2, STRIPE),
                ErasureObjectService.Options.defaults().withInlineLimit(-1));
    }

    private static void put(ErasureObjectService s, String key, byte[] data) {
        s.putObject("bkt", key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
    }

    private static byte[] get(ErasureObjectService s, String key) {
        try (ObjectContent c = s.getObject("bkt", key, null, null)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            return all.array();
        }
    }

    private void assertAllReadable(ErasureObjectService s) {
        expected.forEach((key, data) -> assertThat(sha256(get(s, key))).as(key).isEqualTo(sha256(data)));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void objectsMoveToTheNewNodeAndStayReadableThroughout() throws Exception {
        ClusterMap epoch1 = map(4);
        Random random = new Random(7);
        try (ErasureObjectService before = service(new ClusterPlacement(epoch1, new RendezvousPlacement(),
                open(epoch1)))) {
            before.createBucket("bkt");
            for (int i = 0; i < 60; i++) {
                // Mostly objects kept in shard files; every fifth small enough to be kept in its manifest.
                byte[] data = new byte[i % 5 == 0 ? random.nextInt(100) : 20 * 1024 + random.nextInt(3 * STRIPE)];
                random.nextBytes(data);
                put(before, "obj/" + i, data);
                expected.put("obj/" + i, data);
            }
        }
        // Without the pins withNode would carry, so that some old drives change slot: migration must handle that
        // too (a map rebuilt from its node list alone), while withNode moves shards only onto the new node.
        ClusterMap epoch2 = new ClusterMap(2, epoch1.scheme(), epoch1.groupCount(), map(5).nodes());
        Map<String, ShardStore> all = open(epoch2);
        NewDrives.prepare(epoch1, epoch2, all::get);
        ClusterPlacement growing = new ClusterPlacement(epoch2, epoch1, new RendezvousPlacement(), all);
        assertThat(shuffledKeys(growing)).as("keys whose group moves a drive to another slot").isPositive();

        try (ErasureObjectService during = service(growing)) {
            assertAllReadable(during);
            byte[] fresh = "written under epoch 2".getBytes();
            for (String key : List.of("obj/1", "obj/2", "obj/3", "new/1")) {
                put(during, key, fresh);
                expected.put(key, fresh);
            }
            during.deleteObject("bkt", "obj/4", null);
            expected.remove("obj/4");
            assertAllReadable(during);

            String lost = lostOldShard(growing);

            ShardMigration migration = new ShardMigration(growing, new InProcessKeyLocks(), 2, 0, during::healObject);
            List<ShardMigration.Progress> reports = new ArrayList<>();
            ShardMigration.Progress done = migration.run(reports::add);
            assertThat(done.done()).isEqualTo(done.total()).isPositive();
            assertThat(done.copiedShards()).as(done.toString()).isPositive();
            assertThat(done.leftToHeal()).isZero();
            assertThat(reports).last().isEqualTo(done);
            assertAllReadable(during);
            assertThatThrownBy(() -> get(during, "obj/4")).isInstanceOf(ObjectNotFoundException.class);

            assertThat(migration.run(p -> { }).copiedShards()).as("a re-run copies nothing").isZero();
            assertThat(Files.size(root.resolve(lost))).as("the rebuilt shard on the new drive").isPositive();
        }

        ClusterPlacement grown = new ClusterPlacement(epoch2, new RendezvousPlacement(), all);
        try (ErasureObjectService after = service(grown)) {
            assertAllReadable(after);
            assertThat(stores.get("node5-d1").list("bkt", "", "", 1000).keys()).isNotEmpty();
            for (String key : expected.keySet()) {
                List<String> now = grown.driveIds(grown.groupOf("bkt", key));
                for (String id : stores.keySet()) {
                    if (!now.contains(id)) {
                        String drive = id;
                        assertThatThrownBy(() -> stores.get(drive).readManifest("bkt", key))
                                .as("%s left %s", key, drive).isInstanceOf(NotFoundException.class);
                    }
                }
            }
        }
        stores.get("node1-d1").offline();
        stores.get("node5-d1").offline();
        try (ErasureObjectService degraded = service(grown)) {
            assertAllReadable(degraded);
        }
    }

    /**
     * Deletes, on its previous-epoch drive, a shard that has to move: the migration cannot copy it and has to
     * rebuild it from the others. Returns the path (under the root) of the rebuilt shard on the new drive.
     */
    private String lostOldShard(ClusterPlacement p) throws Exception {
        for (String key : expected.keySet()) {
            if (expected.get(key).length < 1000 || !key.startsWith("obj/")) {
                continue;
            }
            int g = p.groupOf("bkt", key);
            List<String> now = p.driveIds(g);
            List<String> before = p.previousDriveIds(g);
            for (int s = 0; s < now.size(); s++) {
                if (now.get(s).equals(before.get(s)) || before.contains(now.get(s))) {
                    continue;
                }
                Path keyDir = root.resolve(before.get(s)).resolve("bkt").resolve(key);
                Path shard;
                try (Stream<Path> files = Files.walk(keyDir)) {
                    shard = files.filter(f -> f.getFileName().toString().equals("part.1")).findFirst().orElseThrow();
                }
                Files.delete(shard);
                Files.delete(shard.resolveSibling("part.1.crc"));
                return now.get(s) + "/bkt/" + key + "/" + shard.getParent().getFileName() + "/part.1";
            }
        }
        throw new AssertionError("no object with a slot moving to a drive new to its group");
    }

    private long shuffledKeys(ClusterPlacement p) {
        return expected.keySet().stream().filter(key -> {
            int g = p.groupOf("bkt", key);
            List<String> now = p.driveIds(g);
            List<String> before = p.previousDriveIds(g);
            for (int s = 0; s < now.size(); s++) {
                if (!now.get(s).equals(before.get(s)) && before.contains(now.get(s))) {
                    return true;
                }
            }
            return false;
        }).count();
    }
}
