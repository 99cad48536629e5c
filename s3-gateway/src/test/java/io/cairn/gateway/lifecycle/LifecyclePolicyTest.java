package io.cairn.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.object.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecyclePolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-10T15:30:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static LifecycleRule expireAfter(String prefix, int days) {
        return new LifecycleRule("e", true, prefix, Map.of(), null, null, days, null, false, null, null, null);
    }

    private static ObjectInfo version(String key, String id, Instant modified, boolean marker, long size,
                                      Map<String, String> metadata) {
        return new ObjectInfo("b", key, id, size, marker ? null : "etag", modified, metadata, marker, List.of());
    }

    private static ObjectInfo version(String key, String id, Instant modified) {
        return version(key, id, modified, false, 10, Map.of());
    }

    @Test
    void daysCountFromCreationRoundedUpToTheNextMidnightUtc() {
        LifecyclePolicy p = new LifecyclePolicy(List.of(expireAfter("", 1)), DAY);
        List<ObjectInfo> v = List.of(version("k", "null", T0));
        Instant due = Instant.parse("2026-03-12T00:00:00Z");
        assertThat(p.evaluate(v, due.minusMillis(1))).isEmpty();
        assertThat(p.evaluate(v, due)).singleElement().satisfies(a -> assertThat(a.expiresCurrent()).isTrue());
        // a test day counts plain multiples
        LifecyclePolicy fast = new LifecyclePolicy(List.of(expireAfter("", 2)), Duration.ofSeconds(10));
        assertThat(fast.evaluate(v, T0.plusSeconds(19))).isEmpty();
        assertThat(fast.evaluate(v, T0.plusSeconds(20))).hasSize(1);
    }

    @Test
    void filtersSelectByPrefixTagsAndSize() {
        LifecycleRule r = new LifecycleRule("f", true, "logs/", Map.of("tier", "tmp"), 100L, 1000L, 1, null, false,
                null, null, null);
        LifecyclePolicy p = new LifecyclePolicy(List.of(r), DAY);
        Instant later = T0.plus(Duration.ofDays(5));
        Map<String, String> tagged = Map.of("x-amz-tagging", "tier=tmp&other=1");
        assertThat(p.evaluate(List.of(version("logs/a", "null", T0, false, 500, tagged)), later)).hasSize(1);
        assertThat(p.evaluate(List.of(version("data/a", "null", T0, false, 500, tagged)), later)).isEmpty();
        assertThat(p.evaluate(List.of(version("logs/a", "null", T0, false, 500, Map.of())), later)).isEmpty();
        assertThat(p.evaluate(List.of(version("logs/a", "null", T0, false, 100, tagged)), later)).isEmpty();
        assertThat(p.evaluate(List.of(version("logs/a", "null", T0, false, 1000, tagged)), later)).isEmpty();
        LifecycleRule disabled = new LifecycleRule("d", false, "", Map.of(), null, null, 1, null, false, null, null,
                null);
        assertThat(new LifecyclePolicy(List.of(disabled), DAY).evaluate(List.of(version("a", "null", T0)), later))
                .isEmpty();
    }

    @Test
    void noncurrentVersionsCountFromTheirSuccessorAndTheNewestAreKept() {
        LifecycleRule r = new LifecycleRule("n", true, "", Map.of(), null, null, null, null, false, 2, 1, null);
        LifecyclePolicy p = new LifecyclePolicy(List.of(r), DAY);
        // v4 current (day 10), v3 noncurrent since day 10, v2 since day 6, v1 since day 3
        List<ObjectInfo> v = List.of(version("k", "v4", T0.plus(Duration.ofDays(10))),
                version("k", "v3", T0.plus(Duration.ofDays(6))), version("k", "v2", T0.plus(Duration.ofDays(3))),
                version("k", "v1", T0));
        Instant now = T0.plus(Duration.ofDays(9));
        // v3 is the newest noncurrent one: kept; v2 noncurrent since day 6 (due day 9 rounded: day 9 midnight)
        assertThat(p.evaluate(v, now)).extracting(LifecyclePolicy.Action::versionId).containsExactly("v2", "v1");
        // v1, noncurrent since day 3, is due two days later at the next midnight; v2 is not yet
        assertThat(p.evaluate(v, T0.plus(Duration.ofDays(5)))).isEmpty();
        assertThat(p.evaluate(v, T0.plus(Duration.ofDays(6)))).extracting(LifecyclePolicy.Action::versionId)
                .containsExactly("v1");
        // the current version is never touched by a noncurrent rule
        assertThat(p.evaluate(v, T0.plus(Duration.ofDays(100)))).extracting(LifecyclePolicy.Action::versionId)
                .containsExactly("v2", "v1");
    }

    @Test
    void aDeleteMarkerIsNotExpiredAgainAndAnAloneOneIsRemovedWhenAsked() {
        LifecycleRule expire = expireAfter("", 1);
        LifecycleRule markers = new LifecycleRule("m", true, "", Map.of(), null, null, null, null, true, null, null,
                null);
        Instant later = T0.plus(Duration.ofDays(30));
        ObjectInfo marker = version("k", "m1", T0.plus(Duration.ofDays(2)), true, 0, Map.of());
        ObjectInfo old = version("k", "v1", T0);
        assertThat(new LifecyclePolicy(List.of(expire), DAY).evaluate(List.of(marker, old), later)).isEmpty();
        assertThat(new LifecyclePolicy(List.of(markers), DAY).evaluate(List.of(marker, old), later)).isEmpty();
        assertThat(new LifecyclePolicy(List.of(markers), DAY).evaluate(List.of(marker), later))
                .singleElement().satisfies(a -> assertThat(a.versionId()).isEqualTo("m1"));
        // an expiration in days removes a lone marker once it is that old
        LifecyclePolicy days = new LifecyclePolicy(List.of(expireAfter("", 5)), DAY);
        assertThat(days.evaluate(List.of(marker), T0.plus(Duration.ofDays(4)))).isEmpty();
        assertThat(days.evaluate(List.of(marker), T0.plus(Duration.ofDays(8)))).hasSize(1);
    }

    @Test
    void uploadsAreAbortedDaysAfterTheyBegan() {
        LifecycleRule r = new LifecycleRule("a", true, "tmp/", Map.of(), null, null, null, null, false, null, null, 2);
        LifecyclePolicy p = new LifecyclePolicy(List.of(r), DAY);
        assertThat(p.abortsUploads()).isTrue();
        assertThat(p.abortRule("tmp/x", T0, Instant.parse("2026-03-12T23:59:59Z"))).isNull();
        assertThat(p.abortRule("tmp/x", T0, Instant.parse("2026-03-13T00:00:00Z"))).isEqualTo("a");
        assertThat(p.abortRule("keep/x", T0, T0.plus(Duration.ofDays(9)))).isNull();
    }
}
