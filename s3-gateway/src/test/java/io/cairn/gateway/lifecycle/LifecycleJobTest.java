package io.cairn.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.s3.MemoryObjectService;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectLock;
import io.cairn.object.PutOptions;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleJobTest {

    private final MemoryObjectService objects = new MemoryObjectService();

    private void put(String bucket, String key, Map<String, String> metadata) {
        objects.putObject(bucket, key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.of(metadata));
    }

    private void rules(String bucket, String xml) {
        objects.putBucketConfig(bucket, LifecycleOperations.CONFIG, "<LifecycleConfiguration>" + xml
                + "</LifecycleConfiguration>");
    }

    private List<String> versions(String bucket) {
        return objects.listObjectVersions(bucket, "", null, null, null, 1000).versions().stream()
                .map(ListVersionsResult.Entry::info)
                .map(i -> i.key() + (i.deleteMarker() ? "#marker" : "")).toList();
    }

    private LifecycleJob jobAt(Instant now) {
        return new LifecycleJob(objects, Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(1), 10_000);
    }

    @Test
    void aRunExpiresRemovesAndAbortsWhatIsDueAndNothingElse() {
        objects.createBucket("plain");
        put("plain", "tmp/a", Map.of());
        put("plain", "keep/b", Map.of());
        String upload = objects.createMultipartUpload("plain", "tmp/upload", Map.of());
        rules("plain", "<Rule><ID>tmp</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>1</Days>"
                + "</Expiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation>"
                + "</AbortIncompleteMultipartUpload></Rule>");
        objects.createBucket("versioned");
        objects.putBucketConfig("versioned", "versioning", "Enabled");
        put("versioned", "v", Map.of());
        put("versioned", "v", Map.of());
        put("versioned", "locked", Map.of(ObjectLock.LEGAL_HOLD, "ON"));
        put("versioned", "locked", Map.of());
        rules("versioned", "<Rule><ID>all</ID><Filter/><Status>Enabled</Status><Expiration><Days>3</Days></Expiration>"
                + "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays></NoncurrentVersionExpiration>"
                + "</Rule>");

        LifecycleJob soon = jobAt(Instant.now().plus(Duration.ofHours(1)));
        soon.runOnce();
        assertThat(versions("plain")).containsExactly("keep/b", "tmp/a");
        assertThat(versions("versioned")).hasSize(4);

        LifecycleJob later = jobAt(Instant.now().plus(Duration.ofDays(2)));
        later.runOnce();
        assertThat(versions("plain")).containsExactly("keep/b");
        assertThat(objects.listMultipartUploads("plain", "", null, null, null, 10).uploads()).isEmpty();
        // the noncurrent versions are gone, but the one under legal hold
        assertThat(versions("versioned")).containsExactly("locked", "locked", "v");
        assertThat(later.status()).containsEntry("heldByObjectLock", 1L).containsEntry("uploadsAborted", 1L)
                .containsEntry("currentVersionsExpired", 1L).containsEntry("versionsRemoved", 1L);

        LifecycleJob afterExpiry = jobAt(Instant.now().plus(Duration.ofDays(5)));
        afterExpiry.runOnce();
        afterExpiry.runOnce();
        // one delete marker per expired key, however many runs; the versions they made noncurrent are removed by
        // the next run, but the one under legal hold
        assertThat(versions("versioned")).containsExactly("locked#marker", "locked", "v#marker");
        assertThat(upload).isNotNull();
    }

    @Test
    void anUnfinishedRunResumesAfterItsLastKeyAtTheInstantItBegan() {
        objects.createBucket("b");
        for (String k : List.of("a", "b", "c", "d")) {
            put("b", k, Map.of());
        }
        rules("b", "<Rule><ID>all</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"
                + "</Rule>");
        Instant begun = Instant.now().plus(Duration.ofDays(3));
        // a run begun at that instant stopped after key "b"
        objects.putBucketConfig("b", LifecycleJob.STATE, new LifecycleJob.RunState(begun, "b", false).format());
        // the clock says nothing is due now; the resumed run uses its own instant, and only after "b"
        jobAt(Instant.now()).runOnce();
        assertThat(versions("b")).containsExactly("a", "b");
        assertThat(LifecycleJob.RunState.parse(objects.getBucketConfig("b", LifecycleJob.STATE).orElseThrow())
                .finished()).isTrue();
        // a next run begins at the clock's instant, once an interval has passed since the last one began
        LifecycleJob scheduled = jobAt(Instant.now().plus(Duration.ofDays(3)));
        scheduled.start(Duration.ofDays(4));
        scheduled.close();
        scheduled.runOnce();
        assertThat(versions("b")).containsExactly("a", "b");
        jobAt(Instant.now().plus(Duration.ofDays(3))).runOnce();
        assertThat(versions("b")).isEmpty();
    }

    @Test
    void theStateRoundTripsAnyKey() {
        LifecycleJob.RunState s = new LifecycleJob.RunState(Instant.ofEpochMilli(123), "a b/ü%+&", false);
        assertThat(LifecycleJob.RunState.parse(s.format())).isEqualTo(s);
        assertThat(LifecycleJob.RunState.parse("garbage")).isNull();
    }
}
