package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Growing a cluster of four {@code cairn server --peers} processes (two drives each, 2+2) by a fifth, started
 * with {@code --join} and added by {@code cairn admin add-node}: every object reads back with the right bytes
 * through every gateway before, during and after the migration, the new node holds shards afterwards, and the
 * grown store, restarted, serves the new epoch and still serves everything with two nodes (m) killed.
 */
class ClusterGrowIT {

    private static final String BUCKET = "grow";
    private static final int[] SIZES = {1, 1000, 64 * 1024, 256 * 1024 + 7, 700 * 1024};
    private static final int NEW = 5;
    private static final int ADMIN = 9;

    private final Map<String, String> sums = new LinkedHashMap<>();
    private final ReadBack readBack = new ReadBack(BUCKET, sums);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFifthNodeJoinsAndEveryObjectStaysReadable() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(4, 2)) {
            cluster.startAll();
            S3Client first = cluster.s3(1);
            first.createBucket(b -> b.bucket(BUCKET));
            Random random = new Random(42);
            for (int i = 0; i < 40; i++) {
                byte[] data = new byte[SIZES[i % SIZES.length]];
                random.nextBytes(data);
                String key = "obj/" + i;
                first.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
                sums.put(key, ShardFiles.sha256(data));
            }

            int s3Port = ProcessCluster.freePort();
            int nodePort = ProcessCluster.freePort();
            String address = "127.0.0.1:" + nodePort;
            Process joiner = cluster.launch(NEW, List.of("server", "--join", "--address", "127.0.0.1:" + s3Port,
                    "--peers", cluster.peers() + "," + address, "--node-id", "node" + NEW,
                    "--data", cluster.dataDir(NEW).toString(), "--drives", "2", "--stripe-size", "256KiB",
                    "--drive-timeout", "5s", "--startup-wait", "20s"), Map.of(ProcessCluster.SECRET_ENV,
                    ProcessCluster.SECRET));
            try {
                awaitLog(cluster, NEW, "waits to join", joiner);
                List<S3Client> gateways = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    gateways.add(cluster.s3(i));
                }
                AtomicBoolean reading = new AtomicBoolean(true);
                AtomicLong reads = new AtomicLong();
                Thread reader = new Thread(() -> readBack.readUntilStopped(gateways, reading, reads), "grow-reader");
                reader.start();

                Process admin = cluster.launch(ADMIN, List.of("admin", "add-node", "--nodes", cluster.peers(),
                        "--address", address, "--drives", "2", "--rate", "10"),
                        Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
                assertThat(admin.waitFor(100, TimeUnit.SECONDS)).as(cluster.readLog(ADMIN)).isTrue();
                reading.set(false);
                reader.join();
                String adminLog = cluster.readLog(ADMIN);
                System.out.println("cairn admin add-node:\n" + adminLog + "reads during it: " + reads.get());
                assertThat(admin.exitValue()).as(adminLog).isZero();
                assertThat(adminLog).contains("epoch 2 proposed to 5 nodes", "epoch 2 committed on every node",
                        "done: epoch 2, 5 nodes").containsPattern("migrated (\\d+)/\\1 objects");
                assertThat(readBack.failures).as("reads during the migration").isEmpty();
                assertThat(reads.get()).as("reads during the migration").isGreaterThan(40);

                cluster.awaitServing(NEW, joiner);
                for (int i = 1; i <= 4; i++) {
                    assertThat(cluster.readLog(i)).as("log of node %d", i).contains("cluster epoch 2: 5 nodes");
                }
                gateways.add(cluster.s3(URI.create("http://127.0.0.1:" + s3Port)));
                for (S3Client gateway : gateways) {
                    readBack.readAll(gateway);
                }
                assertThat(readBack.failures).as("reads after the migration").isEmpty();
                assertThat(shardFiles(cluster.dataDir(NEW))).as("shard files on the new node").isPositive();
                S3Client fresh = gateways.get(4);
                fresh.putObject(p -> p.bucket(BUCKET).key("after"), RequestBody.fromString("grown"));
                sums.put("after", ShardFiles.sha256("grown".getBytes()));

                // A restarted node serves the epoch it committed, not the one its --peers list describes.
                cluster.kill(2);
                cluster.restart(2);
                assertThat(cluster.readLog(2)).contains("cluster epoch 2: 5 nodes, 10 drives, scheme 2+2");
                // a new client: the old one's pooled connections went to the killed process, and with
                // retries off a stale pooled connection would fail a request on the client side
                S3Client restarted = cluster.s3(2);
                readBack.readAll(restarted);

                cluster.kill(1);
                joiner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                readBack.readAll(restarted);
                readBack.readAll(gateways.get(3));
                assertThat(readBack.failures).as("reads without node1 and node5").isEmpty();
                for (int i = 2; i <= 4; i++) {
                    assertThat(cluster.readLog(i)).as("log of node %d", i).doesNotContain("LEAK:");
                }
            } finally {
                joiner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitLog(ProcessCluster cluster, int i, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cluster.readLog(i).contains(text)) {
            if (!p.isAlive() || System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("process " + i + ":\n" + cluster.readLog(i));
            }
            Thread.sleep(100);
        }
    }

    private static long shardFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("part\\.\\d+(\\.s\\d+)?")).count();
        }
    }
}
