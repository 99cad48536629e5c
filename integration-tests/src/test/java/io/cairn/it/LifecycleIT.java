package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;

/**
 * Lifecycle rules applied by a real server whose lifecycle "day" is two seconds: a run over hundreds of keys is
 * killed with SIGKILL in its middle, and after the restart it resumes and ends where an uninterrupted run ends.
 */
class LifecycleIT {

    private static final int KEYS = 300;

    @Test
    void aRunKilledInItsMiddleResumesAndEndsAsAnUninterruptedOne() throws Exception {
        // 20 changes a second: the run's 400 changes take 20 s, long enough to be cut
        List<String> args = List.of("--heal-interval", "0", "--lifecycle-interval", "1s", "--lifecycle-day", "2s",
                "--lifecycle-rate", "20");
        CrashServer server = new CrashServer(args, Map.of());
        boolean passed = false;
        try {
            server.start();
            String held;
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket("lc-main"));
                s3.putBucketVersioning(b -> b.bucket("lc-main").versioningConfiguration(
                        c -> c.status(BucketVersioningStatus.ENABLED)));
                for (int i = 0; i < KEYS; i++) {
                    String key = String.format("tmp/%04d", i);
                    s3.putObject(b -> b.bucket("lc-main").key(key), RequestBody.fromString(key));
                }
                for (int i = 0; i < 100; i++) {
                    String key = String.format("old/%04d", i);
                    s3.putObject(b -> b.bucket("lc-main").key(key), RequestBody.fromString("old " + key));
                    s3.putObject(b -> b.bucket("lc-main").key(key), RequestBody.fromString("new " + key));
                }
                for (int i = 0; i < 10; i++) {
                    String key = "keep/" + i;
                    s3.putObject(b -> b.bucket("lc-main").key(key), RequestBody.fromString(key));
                }
                // held by object lock: expiry hides it behind a marker, a noncurrent rule never removes it
                s3.createBucket(b -> b.bucket("lc-locked").objectLockEnabledForBucket(true));
                held = s3.putObject(b -> b.bucket("lc-locked").key("tmp/held").objectLockLegalHoldStatus(
                        ObjectLockLegalHoldStatus.ON), RequestBody.fromString("held")).versionId();
                s3.putObject(b -> b.bucket("lc-locked").key("tmp/held"), RequestBody.fromString("newer"));
                Thread.sleep(4_500); // every version is now more than two "days" old

                LifecycleRule expire = LifecycleRule.builder().id("expire-tmp")
                        .filter(LifecycleRuleFilter.builder().prefix("tmp/").build()).status(ExpirationStatus.ENABLED)
                        .expiration(e -> e.days(1)).build();
                LifecycleRule noncurrent = LifecycleRule.builder().id("noncurrent-old")
                        .filter(LifecycleRuleFilter.builder().prefix("old/").build()).status(ExpirationStatus.ENABLED)
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build();
                s3.putBucketLifecycleConfiguration(b -> b.bucket("lc-main").lifecycleConfiguration(
                        c -> c.rules(expire, noncurrent)));
                LifecycleRule both = expire.toBuilder().noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build();
                s3.putBucketLifecycleConfiguration(b -> b.bucket("lc-locked").lifecycleConfiguration(
                        c -> c.rules(both)));
                Thread.sleep(13_000); // the run is past its first page of keys, 8 s from its end
                server.kill();
            }
            assertThat(server.readLog()).as("the first run was cut before it finished")
                    .doesNotContain("the run of bucket lc-main begun");

            server.start();
            awaitLog(server, "resuming the run of bucket lc-main ", Duration.ofSeconds(30));
            awaitLog(server, "lifecycle: the run of bucket lc-main begun", Duration.ofSeconds(120));
            awaitLog(server, "lifecycle: the run of bucket lc-locked begun", Duration.ofSeconds(60));
            try (S3Client s3 = server.client()) {
                // what an uninterrupted run leaves: each tmp/ key exactly one delete marker over its version (no
                // rule removes noncurrent tmp/ versions), each old/ key its newer version only, keep/ untouched
                Map<String, List<String>> kinds = versions(s3, "lc-main");
                for (int i = 0; i < KEYS; i++) {
                    assertThat(kinds.get(String.format("tmp/%04d", i))).as("tmp/%04d", i)
                            .containsExactly("marker", "version");
                }
                for (int i = 0; i < 100; i++) {
                    String key = String.format("old/%04d", i);
                    assertThat(kinds.get(key)).as(key).containsExactly("version");
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("lc-main").key(key)).asUtf8String())
                            .isEqualTo("new " + key);
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(kinds.get("keep/" + i)).containsExactly("version");
                }
                assertThat(kinds).hasSize(KEYS + 100 + 10);
                ListObjectVersionsResponse locked = s3.listObjectVersions(b -> b.bucket("lc-locked"));
                assertThat(locked.versions()).extracting(v -> v.versionId()).contains(held);
                assertThat(s3.getObjectAsBytes(b -> b.bucket("lc-locked").key("tmp/held").versionId(held))
                        .asUtf8String()).isEqualTo("held");
            }
            passed = true;
        } finally {
            server.close(!passed);
        }
    }

    private static Map<String, List<String>> versions(S3Client s3, String bucket) {
        Map<String, List<String>> kinds = new TreeMap<>();
        String keyMarker = null;
        String versionMarker = null;
        while (true) {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).keyMarker(km)
                    .versionIdMarker(vm));
            // markers and versions come in two lists; the newest first within each key is enough here
            page.deleteMarkers().forEach(m -> kinds.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(0, "marker"));
            page.versions().forEach(v -> kinds.computeIfAbsent(v.key(), k -> new ArrayList<>()).add("version"));
            if (!page.isTruncated()) {
                return kinds;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
    }

    private static void awaitLog(CrashServer server, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!server.readLog().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not log \"" + text + "\" within " + timeout + ":\n"
                        + server.tail(3000));
            }
            Thread.sleep(200);
        }
    }
}
