package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Metrics, health, access log and admin info of a running store, seen from outside as an operator would. */
class OperationsIT {

    private static final String OBJ = "cairn_s3_requests_total{operation=\"%s\",status=\"%s\"}";

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    private static byte[] data(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void metricsCountAKnownWorkloadExactly() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("ops"));
            Map<String, Double> s0 = store.scrape();

            // k1 is larger than the inline limit, so its data is in shards (for the degraded read below)
            for (String key : new String[] {"k0", "k1", "k2"}) {
                s3.putObject(b -> b.bucket("ops").key(key), RequestBody.fromBytes(data(key.equals("k1") ? 40_000
                        : 1000, 1)));
            }
            Map<String, Double> s1 = store.scrape();
            assertThat(delta(s0, s1, OBJ.formatted("PutObject", "2xx"))).isEqualTo(3);
            assertThat(delta(s0, s1, "cairn_s3_received_bytes_total")).isGreaterThanOrEqualTo(3000);
            assertThat(delta(s0, s1, "cairn_s3_request_duration_seconds_count{operation=\"PutObject\"}")).isEqualTo(3);
            assertThat(delta(s0, s1, "cairn_s3_sent_bytes_total")).isZero();

            for (int i = 0; i < 2; i++) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("ops").key("k0")).asByteArray()).isEqualTo(data(1000, 1));
            }
            Map<String, Double> s2 = store.scrape();
            assertThat(delta(s1, s2, OBJ.formatted("GetObject", "2xx"))).isEqualTo(2);
            assertThat(delta(s1, s2, "cairn_s3_sent_bytes_total")).isEqualTo(2000);
            assertThat(delta(s1, s2, "cairn_s3_received_bytes_total")).isZero();

            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("ops").key("missing")))
                    .isInstanceOf(NoSuchKeyException.class);
            Map<String, Double> s3m = store.scrape();
            assertThat(delta(s2, s3m, OBJ.formatted("GetObject", "4xx"))).isEqualTo(1);
            assertThat(delta(s2, s3m, OBJ.formatted("GetObject", "2xx"))).isZero();
            assertThat(delta(s2, s3m, "cairn_s3_errors_total{code=\"NoSuchKey\"}")).isEqualTo(1);
            assertThat(s3m.get("cairn_s3_requests_total{operation=\"CreateBucket\",status=\"2xx\"}")).isEqualTo(1);

            // A degraded read: the drive holding the first data shard of k1 is gone.
            int lost = store.firstDataDrive("ops", "k1");
            LocalCluster.deleteTree(store.drive(lost));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("ops").key("k1")).asByteArray()).isEqualTo(data(40_000, 1));
            store.clock.step(Duration.ofSeconds(1)); // the drive probe caches its answer for a second
            Map<String, Double> s4 = store.scrape();
            assertThat(delta(s3m, s4, "cairn_erasure_degraded_reads_total")).isEqualTo(1);
            assertThat(delta(s3m, s4, "cairn_erasure_reconstructed_stripes_total")).isEqualTo(1);
            assertThat(delta(s3m, s4, OBJ.formatted("GetObject", "2xx"))).isEqualTo(1);
            assertThat(delta(s3m, s4, "cairn_drive_io_errors_total{drive=\"" + lost + "\"}")).isPositive();
            assertThat(s4.get("cairn_drive_online{drive=\"" + lost + "\"}")).isEqualTo(0);
            for (int d = 1; d <= 4; d++) {
                if (d != lost) {
                    assertThat(s4.get("cairn_drive_online{drive=\"" + d + "\"}")).isEqualTo(1);
                    assertThat(s4.get("cairn_drive_free_bytes{drive=\"" + d + "\"}")).isPositive();
                    assertThat(delta(s3m, s4, "cairn_drive_io_errors_total{drive=\"" + d + "\"}")).isZero();
                }
            }
            assertThat(s4).containsKeys("jvm_memory_used_bytes{area=\"heap\"}", "jvm_threads_current",
                    "cairn_heal_queue_length", "cairn_heal_objects_healed_total",
                    "cairn_s3_request_duration_seconds{operation=\"GetObject\",quantile=\"0.99\"}");
        }
    }

    @Test
    void metricsNeedTheTokenOnTheS3PortAndNothingOnTheMetricsListener() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            assertThat(store.get("/-/metrics").statusCode()).isEqualTo(403);
            assertThat(store.get("/-/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(403);
            URI listener = URI.create("http://127.0.0.1:" + store.metricsAddress.getPort());
            HttpResponse<String> r = store.get(listener.resolve("/metrics"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(PrometheusParser.parse(r.body())).containsKey("cairn_s3_requests_in_flight");
            assertThat(store.get(listener.resolve("/health/ready")).statusCode()).isEqualTo(200);
            assertThat(store.get(listener.resolve("/admin/info")).statusCode()).isEqualTo(404);
            // A bucket named "health" or "metrics" is still an ordinary bucket on the S3 port.
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("health"));
            s3.putObject(b -> b.bucket("health").key("live"), RequestBody.fromString("not a probe"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("health").key("live")).asUtf8String()).isEqualTo("not a probe");
        }
    }

    @Test
    void readyTurnsNotReadyWhenMoreThanMDrivesAreLostAndBackWhenTheyReturn() throws Exception {
        try (OpsStore store = new OpsStore(3, 1)) {
            assertThat(store.get("/-/health/live").statusCode()).isEqualTo(200);
            assertThat(store.get("/-/health/ready").statusCode()).isEqualTo(200);
            store.unplug(2);
            store.clock.step(Duration.ofSeconds(1));
            assertThat(store.get("/-/health/ready").statusCode()).isEqualTo(200); // m = 1 drive lost: still writable
            store.unplug(4);
            store.clock.step(Duration.ofSeconds(1));
            HttpResponse<String> notReady = store.get("/-/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo("not ready: 2 of 4 drives online, write quorum is 3\n");
            HttpResponse<String> cluster = store.get("/-/health/cluster");
            assertThat(cluster.statusCode()).isEqualTo(200);
            assertThat(cluster.body()).contains("\"status\" : \"not-ready\"", "\"drivesOnline\" : 2");
            assertThat(store.get("/-/health/live").statusCode()).isEqualTo(200);
            store.plugBack(2);
            store.plugBack(4);
            store.clock.step(Duration.ofSeconds(1));
            assertThat(store.get("/-/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theAccessLogHasOneLinePerRequestAndNoSecret() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("logged"));                                          // 1
            s3.putObject(b -> b.bucket("logged").key("a b"), RequestBody.fromString("hello")); // 2
            s3.headObject(b -> b.bucket("logged").key("a b"));                                 // 3
            s3.getObjectAsBytes(b -> b.bucket("logged").key("a b"));                           // 4
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("logged").key("nope")))         // 5
                    .isInstanceOf(NoSuchKeyException.class);
            s3.listObjectsV2(b -> b.bucket("logged"));                                          // 6
            URI presigned = Presigner.presign("GET", store.endpoint(), "logged", "a b", Duration.ofMinutes(5),
                    new SigningCredentials(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY), "us-east-1",
                    Instant.now());
            assertThat(store.get(presigned).body()).isEqualTo("hello");                        // 7
            assertThat(store.get("/logged/a%20b").statusCode()).isEqualTo(403);                // 8 anonymous
            s3.deleteObject(b -> b.bucket("logged").key("a b"));                               // 9
            assertThat(store.get("/-/health/ready").statusCode()).isEqualTo(200);             // not logged
            store.scrape();                                                                     // not logged

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.accessLog.size() < 9 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertThat(store.accessLog).hasSize(9);
            assertThat(store.accessLog).extracting(l -> field(l, "operation")).containsExactly("CreateBucket",
                    "PutObject", "HeadObject", "GetObject", "GetObject", "ListObjectsV2", "GetObject", "GetObject",
                    "DeleteObject");
            assertThat(store.accessLog).extracting(l -> field(l, "status")).containsExactly("200", "200", "200",
                    "200", "404", "200", "200", "403", "204");
            assertThat(field(store.accessLog.get(4), "error")).isEqualTo("NoSuchKey");
            assertThat(field(store.accessLog.get(7), "error")).isEqualTo("AccessDenied");
            assertThat(field(store.accessLog.get(7), "access_key")).isEqualTo("-");
            assertThat(field(store.accessLog.get(6), "access_key")).isEqualTo(LocalCluster.ACCESS_KEY);
            assertThat(field(store.accessLog.get(1), "key")).isEqualTo("\"a b\"");
            assertThat(field(store.accessLog.get(3), "bytes_out")).isEqualTo("5");
            String signature = presigned.getQuery().replaceAll(".*X-Amz-Signature=", "");
            for (String line : store.accessLog) {
                assertThat(line).doesNotContain(LocalCluster.SECRET_KEY, signature, "Signature", "Credential",
                        OpsStore.METRICS_TOKEN);
                assertThat(field(line, "request_id")).matches("[0-9A-F]{16}");
                assertThat(field(line, "remote")).contains("127.0.0.1:");
            }
        }
    }

    @Test
    void adminInfoNeedsTheRootSignature() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("sized"));
            s3.putObject(b -> b.bucket("sized").key("x"), RequestBody.fromBytes(data(1234, 2)));
            s3.putObject(b -> b.bucket("sized").key("y"), RequestBody.fromBytes(data(10, 3)));
            assertThat(store.get("/-/admin/info").statusCode()).isEqualTo(403);
            URI url = Presigner.presign(new io.cairn.presign.PresignRequest("GET", store.endpoint(), "/-/admin/info",
                    Map.of(), Map.of(), Duration.ofMinutes(1), "us-east-1", Instant.now()),
                    new SigningCredentials(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY));
            HttpResponse<String> info = store.get(url);
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"dataShards\" : 2", "\"parityShards\" : 2", "\"drivesOnline\" : 4",
                    "\"objects\" : 2", "\"bytes\" : 1244", "\"state\" : \"online\"", "\"queueLength\" : 0");
            URI wrongKey = Presigner.presign(new io.cairn.presign.PresignRequest("GET", store.endpoint(),
                    "/-/admin/info", Map.of(), Map.of(), Duration.ofMinutes(1), "us-east-1", Instant.now()),
                    new SigningCredentials(LocalCluster.ACCESS_KEY, "wrong-secret"));
            assertThat(store.get(wrongKey).statusCode()).isEqualTo(403);
        }
    }

    private static String field(String line, String name) {
        int at = line.indexOf(" " + name + "=");
        int start = at < 0 && line.startsWith(name + "=") ? name.length() + 1 : at + name.length() + 2;
        if (line.charAt(start) == '"') {
            int end = start + 1;
            while (line.charAt(end) != '"') {
                end += line.charAt(end) == '\\' ? 2 : 1;
            }
            return line.substring(start, end + 1);
        }
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
