package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Shrinking a cluster of five {@code cairn server --peers --scheme 2+2} processes (one drive each) by a node that
 * died: node5 is SIGKILLed, {@code cairn admin remove-node --node node5} runs as its own process while a thread
 * reads every object through the four other gateways, and afterwards every object reads back right, each object
 * has its manifest and (above the inline limit) one shard file on each of the four drives left, and the store
 * still serves everything, and takes a write, with one more node killed.
 */
class ClusterShrinkIT {

    private static final String BUCKET = "shrink";
    private static final int[] SIZES = {1, 1000, 20 * 1024, 300 * 1024 + 5, 1024 * 1024 + 3, 3 * 1024 * 1024 + 11};
    /** Objects up to this size live in their manifests (docs/FORMAT.md), with no shard file. */
    private static final int INLINE_LIMIT = 16 * 1024;
    private static final int NODES = 5;
    private static final int ADMIN = 9;

    private final Map<String, String> sums = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final ReadBack readBack = new ReadBack(BUCKET, sums);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDeadNodeIsRemovedAndEveryObjectGetsBackAllItsShards() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(NODES, 1, List.of("--scheme", "2+2"), false)) {
            cluster.startAll();
            S3Client first = cluster.s3(1);
            first.createBucket(b -> b.bucket(BUCKET));
            Random random = new Random(4242);
            for (int i = 0; i < 40; i++) {
                byte[] data = new byte[SIZES[i % SIZES.length]];
                random.nextBytes(data);
                String key = "obj/" + i;
                first.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
                sums.put(key, ShardFiles.sha256(data));
                sizes.put(key, data.length);
            }

            cluster.kill(NODES);
            List<S3Client> gateways = new ArrayList<>();
            for (int i = 1; i < NODES; i++) {
                gateways.add(cluster.s3(i));
            }
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            Thread reader = new Thread(() -> readBack.readUntilStopped(gateways, reading, reads), "shrink-reader");
            reader.start();

            List<String> stay = new ArrayList<>();
            for (int i = 1; i < NODES; i++) {
                stay.add("127.0.0.1:" + cluster.nodePort(i));
            }
            long started = System.nanoTime();
            Process admin = cluster.launch(ADMIN, List.of("admin", "remove-node", "--nodes", String.join(",", stay),
                    "--node", "node" + NODES, "--rate", "10"), Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
            assertThat(admin.waitFor(100, TimeUnit.SECONDS)).as(cluster.readLog(ADMIN)).isTrue();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            reading.set(false);
            reader.join();
            String adminLog = cluster.readLog(ADMIN);
            System.out.println("cairn admin remove-node (" + millis + " ms):\n" + adminLog
                    + "reads during it: " + reads.get());
            assertThat(admin.exitValue()).as(adminLog).isZero();
            assertThat(adminLog).contains("epoch 2 proposed to 4 nodes without node5: pending everywhere",
                    "epoch 2 committed on every node", "node5 does not answer", "done: epoch 2, 4 nodes")
                    .containsPattern("migrated (\\d+)/\\1 objects, 0 shards copied, \\d+ rebuilt, 0 left to heal");
            assertThat(readBack.failures).as("reads during the removal").isEmpty();
            assertThat(reads.get()).as("reads during the removal").isGreaterThan(40);

            for (int i = 1; i < NODES; i++) {
                assertThat(cluster.readLog(i)).as("log of node %d", i).contains("cluster epoch 2: 4 nodes, 4 drives");
            }
            for (S3Client gateway : gateways) {
                readBack.readAll(gateway);
            }
            assertThat(readBack.failures).as("reads after the removal").isEmpty();
            assertShardsOnTheFourDrivesLeft(cluster);

            // The removed node, started again on its old drives, finds itself gone from the others' map.
            Process zombie = cluster.launch(NODES, cluster.arguments(NODES),
                    Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
            assertThat(zombie.waitFor(60, TimeUnit.SECONDS)).as(cluster.readLog(NODES)).isTrue();
            assertThat(zombie.exitValue()).as(cluster.readLog(NODES)).isNotZero();
            assertThat(cluster.readLog(NODES)).contains("node5 is not in cluster epoch 2, which the other nodes"
                    + " committed: it was removed while it was down");

            cluster.kill(4);
            gateways.get(1).putObject(p -> p.bucket(BUCKET).key("after"), RequestBody.fromString("shrunk"));
            sums.put("after", ShardFiles.sha256("shrunk".getBytes()));
            readBack.readAll(gateways.get(0));
            readBack.readAll(gateways.get(2));
            assertThat(readBack.failures).as("reads without node5 and node4").isEmpty();
            for (int i = 1; i <= 3; i++) {
                assertThat(cluster.readLog(i)).as("log of node %d", i).doesNotContain("LEAK:");
            }
        }
    }

    /** Each object's manifest on all four drives left, and above the inline limit exactly one shard file each. */
    private void assertShardsOnTheFourDrivesLeft(ProcessCluster cluster) {
        for (int i = 1; i < NODES; i++) {
            Path drive = cluster.dataDir(i).resolve("d1");
            Set<String> manifests = ShardFiles.manifests(drive, BUCKET);
            Map<String, Integer> shards = ShardFiles.shardCounts(drive, BUCKET);
            for (String key : sums.keySet()) {
                assertThat(manifests).as("manifest of %s on node%d", key, i).contains(key);
                int expected = sizes.get(key) > INLINE_LIMIT ? 1 : 0;
                assertThat(shards.getOrDefault(key, 0)).as("shard files of %s on node%d", key, i).isEqualTo(expected);
            }
        }
    }

}
