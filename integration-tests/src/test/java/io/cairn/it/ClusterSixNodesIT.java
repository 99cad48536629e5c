package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Six separate {@code cairn server --peers} processes at 4+2 (one drive each, so every object above the inline
 * limit has one shard on every node), 200 objects of 1 B to 64 MiB (or -Dcairn.six.objects), and the failures a cluster must ride out:
 * two nodes killed (-9) during a read load, one during a write load, corrupt shard files on two nodes, three
 * nodes down (more than m), and a seventh node added. The tests run in order on one cluster; each leaves every
 * node running. Bytes are checked by SHA-256, redundancy by the shard files on each node's drive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSixNodesIT {

    private static final String BUCKET = "six";
    private static final int NODES = 6;
    private static final int WIDTH = 6;
    /** 200 in every build; {@code -Dcairn.six.objects=500} for a fuller run. */
    private static final int OBJECTS = Integer.getInteger("cairn.six.objects", 200);
    private static final long MIB = 1024 * 1024;
    private static final int ADMIN = 20;
    private static final Pattern HEAL_RESULT =
            Pattern.compile("(\\d+) objects scanned, (\\d+) repaired, (\\d+) failed, (\\d+) shards rebuilt");

    private static ProcessCluster cluster;
    /** Every object the store acknowledged: key -> size, and key -> SHA-256 of its bytes. */
    private static final Map<String, Long> sizes = new ConcurrentSkipListMap<>();
    private static final Map<String, String> sums = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(NODES, 1, List.of("--scheme", "4+2"), true);
        cluster.startAll();
        assertThat(cluster.readLog(1)).contains("6 nodes, 6 drives, scheme 4+2");
    }

    @AfterAll
    static void stop() {
        if (cluster == null) {
            return;
        }
        try {
            for (int i = 1; i <= NODES + 1; i++) {
                assertThat(cluster.readLog(i)).as("log of node %d", i).doesNotContain("LEAK:");
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void hundredsOfObjectsOfMixedSizesLandOneShardOnEveryNode() throws Exception {
        cluster.s3(1).createBucket(b -> b.bucket(BUCKET));
        List<S3Client> gateways = gateways(1, 2, 3, 4, 5, 6);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Random random = new Random(42);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = String.format("mixed/%03d", i);
                long size = mixedSize(i, random);
                S3Client gateway = gateways.get(i % gateways.size());
                puts.add(pool.submit(() -> put(gateway, key, size)));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("wrote %d objects, %d bytes (largest %d)%n", sizes.size(), total,
                Collections.max(sizes.values()));
        assertThat(Collections.max(sizes.values())).isEqualTo(64 * MIB);
        assertThat(Collections.min(sizes.values())).isEqualTo(1);
        assertThat(cluster.s3(4).listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .map(o -> o.key() + "=" + o.size()).toList())
                .containsExactlyElementsOf(sizes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        assertFullRedundancy();
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killingTwoNodesDuringAReadLoadNeverFailsOrCorruptsARead() throws Exception {
        List<S3Client> gateways = gateways(1, 2, 3, 4);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<String> order = new ArrayList<>(sizes.keySet());
            Collections.shuffle(order, new Random(r));
            int first = r;
            Thread t = new Thread(() -> {
                int g = first;
                for (String key : order) {
                    check(gateways.get(g++ % gateways.size()), key, failures);
                    done.incrementAndGet();
                }
            }, "reader-" + r);
            readers.add(t);
            t.start();
        }
        awaitCount(done::get, 60);
        cluster.kill(6);
        awaitCount(done::get, 160);
        cluster.kill(5);
        int atSecondKill = done.get();
        for (Thread t : readers) {
            t.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(t.isAlive()).isFalse();
        }
        System.out.printf("reads: %d, of which %d after the second kill%n", done.get(), done.get() - atSecondKill);
        assertThat(failures).as("reads while nodes 5 and 6 were killed").isEmpty();
        assertThat(done.get()).isEqualTo(2 * OBJECTS);
        assertThat(done.get() - atSecondKill).isGreaterThan(OBJECTS / 2);

        // With both gone, every object, read once more from a gateway that never served the load.
        S3Client later = cluster.s3(3);
        sizes.keySet().forEach(key -> check(later, key, failures));
        assertThat(failures).as("reads with nodes 5 and 6 down").isEmpty();
        cluster.restart(5, 6);
    }

    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNodeKilledDuringAWriteLoadLosesNoAcknowledgedWriteAndHealRestoresFullRedundancy() throws Exception {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            S3Client gateway = cluster.s3(1 + w);
            int writer = w;
            Thread t = new Thread(() -> {
                Random random = new Random(1000 + writer);
                for (int i = 0; i < 40; i++) {
                    String key = "load/" + writer + "/" + i;
                    long size = Math.max(1, (long) Math.exp(random.nextDouble() * Math.log(4 * MIB)));
                    try {
                        put(gateway, key, size);
                        acked.put(key, size);
                    } catch (RuntimeException e) {
                        refused.add(key);
                        System.out.println("PUT " + key + " failed: " + e);
                    }
                }
            }, "writer-" + w);
            writers.add(t);
            t.start();
        }
        awaitCount(acked::size, 15);
        cluster.kill(3);
        for (Thread t : writers) {
            t.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(t.isAlive()).isFalse();
        }
        System.out.printf("write load: %d acknowledged, %d failed%n", acked.size(), refused.size());
        assertThat(acked.size() + refused.size()).isEqualTo(80);
        assertThat(acked.size()).as("PUTs with 5 of 6 nodes up").isGreaterThan(refused.size());

        S3Client reader = cluster.s3(4);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        acked.keySet().forEach(key -> check(reader, key, failures));
        assertThat(failures).as("acknowledged writes").isEmpty();
        for (String key : refused) {
            assertThat(status(() -> reader.headObject(b -> b.bucket(BUCKET).key(key)))).as(key).isEqualTo(404);
        }
        assertThat(reader.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("load/")).contents().stream()
                .map(o -> o.key()).sorted().toList()).containsExactlyElementsOf(acked.keySet().stream().sorted().toList());

        cluster.restart(3);
        Matcher heal = heal("--bucket", BUCKET);
        assertThat(Long.parseLong(heal.group(1))).isEqualTo(sizes.size());
        assertThat(Long.parseLong(heal.group(2))).as("objects written while node 3 was down").isPositive();
        assertFullRedundancy();
        S3Client afterHeal = cluster.s3(3);
        acked.keySet().forEach(key -> check(afterHeal, key, failures));
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(4)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void corruptShardFilesOnTwoNodesAreReadAroundAndRepairedByTheScanner() throws Exception {
        List<String> scanned = corruptible("mixed/4");
        Map<Path, byte[]> originals = new HashMap<>();
        for (String key : scanned) {
            originals.putAll(corrupt(key, 1, 2));
        }
        Matcher heal = heal("--bucket", BUCKET, "--prefix", "mixed/4");
        assertThat(Long.parseLong(heal.group(2))).as("objects repaired").isEqualTo(scanned.size());
        assertThat(Long.parseLong(heal.group(4))).as("shards rebuilt").isEqualTo(2L * scanned.size());
        for (Map.Entry<Path, byte[]> e : originals.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey())).as("repaired %s", e.getKey()).isEqualTo(e.getValue());
        }

        List<String> read = corruptible("mixed/3");
        Map<Path, byte[]> readOriginals = new HashMap<>();
        for (String key : read) {
            readOriginals.putAll(corrupt(key, 3, 4));
        }
        List<String> failures = new ArrayList<>();
        S3Client gateway = cluster.s3(5);
        read.forEach(key -> check(gateway, key, failures));
        assertThat(failures).as("reads of objects with corrupt shards on nodes 3 and 4").isEmpty();
        // Reads queue a heal of what they found corrupt; whatever is left, the scanner repairs.
        heal("--bucket", BUCKET, "--prefix", "mixed/3");
        for (Map.Entry<Path, byte[]> e : readOriginals.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey())).as("repaired %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void withThreeNodesDownReadsAndWritesFailWithSlowDownNeverWithWrongBytes() throws Exception {
        cluster.kill(4);
        cluster.kill(5);
        cluster.kill(6);
        S3Client gateway = cluster.s3(1);
        int i = 0;
        for (String key : sizes.keySet()) {
            if (i++ % 10 == 0) {
                assertThat(status(() -> sha256(gateway, key))).as(key).isEqualTo(503);
            }
        }
        assertThat(status(() -> put(gateway, "refused/small", 100))).isEqualTo(503);
        assertThat(status(() -> put(gateway, "refused/large", 3 * MIB))).isEqualTo(503);
        cluster.restart(4, 5, 6);
        S3Client after = cluster.s3(2);
        assertThat(status(() -> after.headObject(b -> b.bucket(BUCKET).key("refused/small")))).isEqualTo(404);
        assertThat(status(() -> after.headObject(b -> b.bucket(BUCKET).key("refused/large")))).isEqualTo(404);
        List<String> failures = new ArrayList<>();
        sizes.keySet().stream().filter(k -> sizes.get(k) < 4 * MIB).forEach(key -> check(after, key, failures));
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(6)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSeventhNodeTakesItsShareAndEveryObjectStaysReadable() throws Exception {
        List<Map<String, String>> before = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            before.add(ShardFiles.shardDigests(drive(n), BUCKET));
        }
        int seventh = NODES + 1;
        int s3Port = ProcessCluster.freePort();
        String address = "127.0.0.1:" + ProcessCluster.freePort();
        Process joiner = cluster.launch(seventh, List.of("server", "--join", "--address", "127.0.0.1:" + s3Port,
                "--peers", cluster.peers() + "," + address, "--node-id", "node" + seventh,
                "--data", cluster.dataDir(seventh).toString(), "--drives", "1", "--stripe-size", "256KiB",
                "--drive-timeout", "5s", "--startup-wait", "20s", "--scheme", "4+2"),
                Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
        try {
            awaitLog(seventh, "waits to join", joiner);
            List<S3Client> gateways = gateways(1, 2, 3, 4, 5, 6);
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            List<String> small = sizes.keySet().stream().filter(k -> sizes.get(k) <= 2 * MIB).toList();
            Thread reader = new Thread(() -> {
                for (int g = 0; reading.get(); g++) {
                    check(gateways.get(g % gateways.size()), small.get(g % small.size()), failures);
                    reads.incrementAndGet();
                }
            }, "grow-reader");
            reader.start();
            Process admin = cluster.launch(ADMIN, List.of("admin", "add-node", "--nodes", cluster.peers(),
                    "--address", address, "--drives", "1", "--rate", "0"),
                    Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
            boolean finished = admin.waitFor(3, TimeUnit.MINUTES);
            reading.set(false);
            reader.join();
            String adminLog = cluster.readLog(ADMIN);
            System.out.println("cairn admin add-node:\n" + adminLog + "reads during it: " + reads.get());
            assertThat(finished).as(adminLog).isTrue();
            assertThat(admin.exitValue()).as(adminLog).isZero();
            assertThat(adminLog).contains("epoch 2 committed on every node").containsPattern("migrated (\\d+)/\\1 objects");
            assertThat(failures).as("reads during the migration").isEmpty();
            assertThat(reads.get()).isPositive();

            cluster.awaitServing(seventh, joiner);
            S3Client newcomer = cluster.s3(URI.create("http://127.0.0.1:" + s3Port));
            sizes.keySet().forEach(key -> check(newcomer, key, failures));
            assertThat(failures).as("reads after the migration").isEmpty();
            assertMovedFractionNearIdeal(before);
        } finally {
            joiner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Compares every node's shard files with the snapshot taken before the seventh node joined: a shard moved
     * if a node holds a file of the key it did not hold, or holds different bytes (another shard index).
     * Adding one node to n, ideally 1/(n+1) of the shards move, touching (k+m)/(n+1) of the objects.
     */
    private static void assertMovedFractionNearIdeal(List<Map<String, String>> before) {
        List<Map<String, String>> after = new ArrayList<>();
        for (int n = 1; n <= NODES + 1; n++) {
            after.add(ShardFiles.shardDigests(drive(n), BUCKET));
        }
        Set<String> keys = before.get(0).keySet();
        long moved = 0;
        long movedBetweenOld = 0;
        long touched = 0;
        for (String key : keys) {
            int holders = 0;
            int movedHere = 0;
            for (int n = 0; n <= NODES; n++) {
                String now = after.get(n).get(key);
                if (now == null) {
                    continue;
                }
                holders++;
                if (n == NODES || !now.equals(before.get(n).get(key))) {
                    movedHere++;
                    movedBetweenOld += n == NODES ? 0 : 1;
                }
            }
            assertThat(holders).as("nodes holding a shard of %s", key).isEqualTo(WIDTH);
            moved += movedHere;
            touched += movedHere > 0 ? 1 : 0;
        }
        double shardFraction = (double) moved / (WIDTH * keys.size());
        double objectFraction = (double) touched / keys.size();
        double idealShards = 1.0 / (NODES + 1);
        double idealObjects = (double) WIDTH / (NODES + 1);
        System.out.printf("growing 6 -> 7 at 4+2: %d of %d shards moved (%.4f, ideal %.4f, ratio %.3f), "
                        + "%d between old nodes; %d of %d objects touched (%.4f, ideal %.4f, ratio %.3f)%n",
                moved, WIDTH * keys.size(), shardFraction, idealShards, shardFraction / idealShards, movedBetweenOld,
                touched, keys.size(), objectFraction, idealObjects, objectFraction / idealObjects);
        assertThat(keys.size()).isGreaterThan(100);
        assertThat(shardFraction / idealShards).as("moved shards / ideal").isLessThanOrEqualTo(1.2);
        assertThat(objectFraction / idealObjects).as("touched objects / ideal").isLessThanOrEqualTo(1.2);
        assertThat(after.get(NODES)).as("shards on the new node").isNotEmpty();
    }

    /** 1 B and five large objects (the largest 64 MiB), the rest spread evenly in log size up to 8 MiB. */
    private static long mixedSize(int i, Random random) {
        if (i == 0) {
            return 64 * MIB;
        }
        if (i == 1) {
            return 1;
        }
        if (i == OBJECTS / 5) {
            return 33 * MIB + 5;
        }
        if (i == 2 * OBJECTS / 5) {
            return 17 * MIB;
        }
        if (i == 3 * OBJECTS / 5) {
            return 9 * MIB + 3;
        }
        return Math.max(1, (long) Math.exp(random.nextDouble() * Math.log(8 * MIB)));
    }

    private static List<S3Client> gateways(int... nodes) {
        List<S3Client> clients = new ArrayList<>();
        for (int n : nodes) {
            clients.add(cluster.s3(n));
        }
        return clients;
    }

    private static Path drive(int node) {
        return cluster.dataDir(node).resolve("d1");
    }

    private static void put(S3Client gateway, String key, long size) {
        byte[] data = new byte[Math.toIntExact(size)];
        new Random(key.hashCode()).nextBytes(data);
        gateway.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        sums.put(key, ShardFiles.sha256(data));
        sizes.put(key, size);
    }

    private static String sha256(S3Client gateway, String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = gateway.getObject(b -> b.bucket(BUCKET).key(key))) {
            return ShardFiles.sha256(in);
        }
    }

    private static void check(S3Client gateway, String key, List<String> failures) {
        try {
            if (!sha256(gateway, key).equals(sums.get(key))) {
                failures.add(key + ": wrong bytes");
            }
        } catch (IOException | RuntimeException e) {
            failures.add(key + ": " + e);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The HTTP status of the S3 error {@code call} fails with; 503 must come as SlowDown. */
    private static int status(Call call) {
        try {
            call.run();
        } catch (S3Exception e) {
            if (e.statusCode() == 503) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
            }
            return e.statusCode();
        } catch (Exception e) {
            throw new AssertionError("expected an S3 error, got " + e, e);
        }
        throw new AssertionError("expected an S3 error, but the call succeeded");
    }

    /** Keys under {@code prefix} with shards (above the inline limit), at most five. */
    private static List<String> corruptible(String prefix) {
        return sizes.keySet().stream().filter(k -> k.startsWith(prefix) && sizes.get(k) >= 64 * 1024)
                .limit(5).toList();
    }

    /** Flips bytes in {@code key}'s shard file on two nodes; returns the files' original bytes. */
    private static Map<Path, byte[]> corrupt(String key, int... nodes) throws IOException {
        Map<Path, byte[]> originals = new HashMap<>();
        for (int n : nodes) {
            Path file = ShardFiles.shardOf(drive(n), BUCKET, key);
            byte[] bytes = Files.readAllBytes(file);
            originals.put(file, bytes.clone());
            bytes[bytes.length / 2] ^= (byte) 0xFF;
            bytes[0] ^= (byte) 0x5A;
            Files.write(file, bytes);
        }
        return originals;
    }

    /** Runs {@code cairn admin heal} against node 1's gateway, unpaced; returns the parsed final count. */
    private static Matcher heal(String... scope) throws Exception {
        List<String> args = new ArrayList<>(List.of("admin", "heal", "--endpoint", cluster.endpoint(1).toString(),
                "--rate", "0"));
        args.addAll(List.of(scope));
        Files.deleteIfExists(cluster.log(ADMIN));
        Process p = cluster.launch(ADMIN, args, Map.of());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = cluster.readLog(ADMIN);
        System.out.println("cairn admin heal " + String.join(" ", scope) + ":\n" + out);
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = HEAL_RESULT.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(3)).as("objects that failed to heal; the gateway says:%n%s", cluster.readLog(1).lines()
                .filter(l -> l.contains("heal of")).collect(Collectors.joining("\n")))
                .isEqualTo("0");
        return m;
    }

    /**
     * Every acknowledged object has its manifest on every node, and one shard file on every node when it is
     * above the inline limit (16 KiB), none when below.
     */
    private static void assertFullRedundancy() {
        for (int n = 1; n <= NODES; n++) {
            Set<String> manifests = ShardFiles.manifests(drive(n), BUCKET);
            Map<String, Integer> shards = ShardFiles.shardCounts(drive(n), BUCKET);
            for (Map.Entry<String, Long> e : sizes.entrySet()) {
                String key = e.getKey();
                assertThat(manifests).as("manifest of %s on node %d", key, n).contains(key);
                int expected = e.getValue() > 16 * 1024 ? 1 : 0;
                assertThat(shards.getOrDefault(key, 0)).as("shard files of %s (%d B) on node %d", key, e.getValue(), n)
                        .isEqualTo(expected);
            }
        }
    }

    private static void awaitCount(IntSupplier count, int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (count.getAsInt() < target) {
            assertThat(System.nanoTime() - deadline).as("waiting for %d", target).isNegative();
            Thread.sleep(20);
        }
    }

    private static void awaitLog(int i, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cluster.readLog(i).contains(text)) {
            if (!p.isAlive() || System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("process " + i + ":\n" + cluster.readLog(i));
            }
            Thread.sleep(100);
        }
    }
}
