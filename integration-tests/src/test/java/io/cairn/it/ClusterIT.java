package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.storage.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Four separate {@code cairn server --peers} processes (each gateway plus storage node, one drive each, the
 * default 2+2 scheme for 4 nodes, so every object has one shard on every node). The tests run in order on one
 * cluster: nodes killed in one test are restarted by the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String BUCKET = "cluster";
    private static final int[] SIZES = {1, 1000, 256 * 1024, 3 * 256 * 1024 + 7, 2 * 1024 * 1024 + 3};

    private static ProcessCluster cluster;
    private static final Map<String, byte[]> written = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(4, 1);
        cluster.startAll();
    }

    @AfterAll
    static void stop() {
        if (cluster == null) {
            return;
        }
        try {
            for (int i = 1; i <= 4; i++) {
                assertThat(cluster.readLog(i)).as("log of node %d", i).doesNotContain("LEAK:");
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void writersOfOneKeyOnTwoGatewaysLeaveOneWholeVersionEveryReaderAgreesOn() throws Exception {
        S3Client one = cluster.s3(1);
        S3Client two = cluster.s3(2);
        one.createBucket(b -> b.bucket("race"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                byte[] a = new byte[300 * 1024 + round];
                byte[] b = new byte[200 * 1024 + round];
                new java.util.Random(round).nextBytes(a);
                new java.util.Random(100 + round).nextBytes(b);
                var fa = pool.submit(() -> one.putObject(r -> r.bucket("race").key("k"),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(a)));
                var fb = pool.submit(() -> two.putObject(r -> r.bucket("race").key("k"),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(b)));
                fa.get();
                fb.get();
                byte[] seen3 = cluster.s3(3).getObjectAsBytes(r -> r.bucket("race").key("k")).asByteArray();
                byte[] seen4 = cluster.s3(4).getObjectAsBytes(r -> r.bucket("race").key("k")).asByteArray();
                assertThat(seen3).as("round %d", round).satisfiesAnyOf(x -> assertThat(x).isEqualTo(a),
                        x -> assertThat(x).isEqualTo(b));
                assertThat(seen4).isEqualTo(seen3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(0)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void encryptedObjectsWrittenThroughOneGatewayDecryptThroughAnother() {
        S3Client one = cluster.s3(1);
        one.createBucket(b -> b.bucket("sealed"));
        byte[] data = new byte[200 * 1024];
        new java.util.Random(7).nextBytes(data);
        one.putObject(b -> b.bucket("sealed").key("s3").serverSideEncryption(
                software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(data));
        for (int gw = 2; gw <= 4; gw++) {
            assertThat(cluster.s3(gw).getObjectAsBytes(b -> b.bucket("sealed").key("s3")).asByteArray())
                    .isEqualTo(data);
        }
    }

    @Test
    @Order(0)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void anAwaitOnOneGatewayHearsAnUploadCommittedThroughAnother() throws Exception {
        cluster.s3(1).createBucket(b -> b.bucket("urns"));
        com.fasterxml.jackson.databind.JsonNode minted = UrnIT.mintWith(cluster.endpoint(1),
                Map.of("namespace", "urns", "kind", "upload", "id", "across"));
        URI await = io.cairn.presign.Presigner.presign(new io.cairn.presign.PresignRequest("GET",
                cluster.endpoint(2), "/-/urn/await", Map.of("urn", minted.get("urn").asText(), "timeout", "30"),
                Map.of(), Duration.ofMinutes(5), "us-east-1", java.time.Instant.now()), UrnIT.CREDS);
        long start = System.nanoTime();
        double before = cluster.metric(2, "cairn_urn_awaits");
        var waiting = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(await).build(),
                HttpResponse.BodyHandlers.ofString());
        // gateway 2 holds the long-poll, unanswered, before the upload goes through gateway 1
        Await.until("the await is waiting at gateway 2", Duration.ofSeconds(20),
                () -> cluster.metric(2, "cairn_urn_awaits") == before + 1);
        assertThat(waiting).isNotDone();
        byte[] data = new byte[50_000];
        new Random(5).nextBytes(data);
        assertThat(UrnIT.put(minted, data, true).statusCode()).isEqualTo(200);
        HttpResponse<String> answer = waiting.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"state\":\"committed\"", "\"size\":50000");
        // Heard by looking again (every second), long before the 30 s timeout.
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }

    @Test
    @Order(1)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void objectsWrittenThroughOneGatewayReadBackThroughEveryOther() {
        S3Client one = cluster.s3(1);
        one.createBucket(b -> b.bucket(BUCKET));
        for (int size : SIZES) {
            put(one, "first/" + size, size);
        }
        for (int gw = 2; gw <= 4; gw++) {
            S3Client other = cluster.s3(gw);
            assertAllReadable(other);
            assertThat(other.listObjectsV2(b -> b.bucket(BUCKET)).contents())
                    .extracting(o -> o.key()).containsExactlyElementsOf(written.keySet().stream().sorted().toList());
        }
        // With 4 nodes at 2+2 every node holds one shard file of each object (above the inline limit).
        for (int node = 1; node <= 4; node++) {
            assertThat(shardFiles(node, "first/" + SIZES[2])).hasSize(1);
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void killedNodesAreSkippedUntilMoreThanParityAreGone() throws Exception {
        S3Client one = cluster.s3(1);
        cluster.kill(4);
        assertAllReadable(one);
        for (int size : SIZES) {
            put(one, "degraded/" + size, size);
        }
        assertAllReadable(cluster.s3(2));

        cluster.kill(3);
        // m = 2 nodes gone: every object is still readable, but 2 of the 3 drives a 2+2 write needs are left.
        assertAllReadable(one);
        assertAllReadable(cluster.s3(2));
        assertThatThrownBy(() -> one.putObject(b -> b.bucket(BUCKET).key("refused"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                });
        assertThat(one.listObjectsV2(b -> b.bucket(BUCKET).prefix("refused")).contents()).isEmpty();
    }

    @Test
    @Order(3)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void restartedNodesAreHealedOnReadSoObjectsSurviveLosingTwoOtherNodes() throws Exception {
        cluster.restart(3, 4);
        S3Client three = cluster.s3(3);
        String key = "degraded/" + SIZES[3];
        assertThat(shardFiles(4, key)).isEmpty();
        // Reads find node 4's shard missing and queue a heal; wait until it has landed on node 4's drive.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (shardFiles(4, key).isEmpty() && System.nanoTime() - deadline < 0) {
            assertAllReadable(three);
            Thread.sleep(300);
        }
        assertThat(shardFiles(4, key)).hasSize(1);
        assertThat(shardFiles(3, key)).hasSize(1);

        cluster.kill(1);
        cluster.kill(2);
        assertThat(sha256(three.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()))
                .isEqualTo(sha256(written.get(key)));
        cluster.restart(1, 2);
        assertAllReadable(cluster.s3(1));
    }

    @Test
    @Order(4)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHungNodeIsSkippedWithinTheDriveTimeout() throws Exception {
        S3Client one = cluster.s3(1);
        String key = "first/" + SIZES[3];
        cluster.signal(2, "STOP");
        try {
            long start = System.nanoTime();
            assertThat(sha256(one.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()))
                    .isEqualTo(sha256(written.get(key)));
            put(one, "while-hung", 300_000);
            long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            // --drive-timeout is 5 s: the first call to the hung node is cut off at 4 s, then the node is
            // marked offline and every further call to it fails at once.
            assertThat(took).isLessThan(15);
        } finally {
            cluster.signal(2, "CONT");
        }
        assertThat(cluster.s3(2).getObjectAsBytes(b -> b.bucket(BUCKET).key("while-hung")).asByteArray())
                .isEqualTo(written.get("while-hung"));
    }

    @Test
    @Order(5)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void nodeRequestsWithoutTheClusterSecretAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI node = URI.create("http://127.0.0.1:" + cluster.nodePort(2));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(node.resolve("/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(node.resolve("/v1/d1/listVolumes"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).doesNotContain(BUCKET);

        byte[] wrong = "not-the-cluster-secret-000".getBytes(StandardCharsets.UTF_8);
        try (NodeConnectionPool pool = new NodeConnectionPool(new InetSocketAddress("127.0.0.1", cluster.nodePort(2)),
                wrong, NodeClientConfig.defaults())) {
            assertThatThrownBy(() -> pool.drive("d1").readManifest(BUCKET, "first/1"))
                    .isInstanceOf(ShardStoreException.class)
                    .isNotInstanceOf(DriveOfflineException.class)
                    .hasMessageContaining("refused");
        }
    }

    @Test
    @Order(6)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void clusterModeRefusesToStartWithoutTheSecret() throws Exception {
        Process p = cluster.launch(0, List.of("server", "--address", "127.0.0.1:0", "--peers", cluster.peers(),
                "--node-id", "node1", "--data", cluster.dataDir(1).resolveSibling("nosecret").toString(),
                "--drives", "1"), Map.of());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) + cluster.readLog(0);
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("CAIRN_CLUSTER_SECRET");
    }

    @Test
    @Order(7)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aGatewayOnlyProcessServesTheClusterWithoutDrivesOfItsOwn() throws Exception {
        int port = ProcessCluster.freePort();
        Process gateway = cluster.launch(9, List.of("server", "--address", "127.0.0.1:" + port, "--peers",
                cluster.peers(), "--drives", "1", "--drive-timeout", "5s"),
                Map.of(ProcessCluster.SECRET_ENV, ProcessCluster.SECRET));
        try {
            cluster.awaitServing(9, gateway);
            assertThat(cluster.readLog(9)).contains("gateway only");
            S3Client only = cluster.s3(URI.create("http://127.0.0.1:" + port));
            assertAllReadable(only);
            put(only, "from-gateway-only", 700_000);
            assertAllReadable(cluster.s3(3));
        } finally {
            gateway.destroyForcibly();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void put(S3Client s3, String key, int size) {
        byte[] data = new byte[size];
        new Random(key.hashCode()).nextBytes(data);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        written.put(key, data);
    }

    private static void assertAllReadable(S3Client s3) {
        written.forEach((key, data) -> assertThat(sha256(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key))
                .asByteArray())).as(key).isEqualTo(sha256(data)));
    }

    /** Shard data files of {@code key} on node {@code node}'s drive. */
    private static List<Path> shardFiles(int node, String key) {
        Path drive = cluster.dataDir(node).resolve("d1");
        try (Stream<Path> s = Files.walk(drive)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("part\\.[0-9]+"))
                    .filter(p -> drive.relativize(p).toString().startsWith(BUCKET + "/" + key + "/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
