package io.cairn.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.FaultyShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DriveProbeTest {

    @Test
    void aHungDriveIsReportedOfflineWithinTheTimeoutAndHoldsOneProbe() {
        FaultyShardStore hung = new FaultyShardStore(new InMemoryShardStore("d2"))
                .delay(FaultyShardStore.Op.DRIVE_INFO, Duration.ofSeconds(30));
        List<ShardStore> drives = List.of(new InMemoryShardStore("d1"), hung, new FaultyShardStore(
                new InMemoryShardStore("d3")).offline());
        AtomicLong clock = new AtomicLong();
        try (DriveProbe probe = new DriveProbe(drives, Duration.ofMillis(200), Duration.ofSeconds(1), clock::get)) {
            long start = System.nanoTime();
            List<DriveState> states = probe.states();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
            assertThat(states).extracting(DriveState::online).containsExactly(true, false, false);
            assertThat(states.get(1).error()).isEqualTo("no answer within 200 ms");
            assertThat(states.get(2).error()).isEqualTo("drive reports offline");
            assertThat(states.get(0).index()).isEqualTo(1);

            // Cached for a second: no new probe.
            assertThat(probe.states()).isSameAs(states);
            clock.addAndGet(Duration.ofMillis(1001).toNanos());
            assertThat(probe.online()).isEqualTo(1);
            // The hung drive's first probe is still running: it was not asked again.
            assertThat(hung.calls(FaultyShardStore.Op.DRIVE_INFO)).isEqualTo(1);
        }
    }

    @Test
    void anAnswerFromBeforeTheClockWasSetBackIsNotTrusted() {
        FaultyShardStore d1 = new FaultyShardStore(new InMemoryShardStore("d1"));
        AtomicLong clock = new AtomicLong(Duration.ofHours(1).toNanos());
        try (DriveProbe probe = new DriveProbe(List.of(d1), Duration.ofMillis(500), Duration.ofSeconds(1), clock::get)) {
            assertThat(probe.online()).isEqualTo(1);
            d1.offline();
            assertThat(probe.online()).isEqualTo(1);
            // set back by a minute, the cached answer would otherwise be trusted for a minute and a second
            clock.addAndGet(-Duration.ofMinutes(1).toNanos());
            assertThat(probe.online()).isZero();
        }
    }

    @Test
    void readinessFollowsTheWriteQuorum() {
        FaultyShardStore d3 = new FaultyShardStore(new InMemoryShardStore("d3"));
        AtomicLong clock = new AtomicLong();
        List<ShardStore> drives = List.of(new InMemoryShardStore("d1"), new InMemoryShardStore("d2"), d3);
        try (DriveProbe probe = new DriveProbe(drives, Duration.ofMillis(500), Duration.ofSeconds(1), clock::get)) {
            HealthChecks health = new HealthChecks(probe, 3, 2);
            assertThat(health.readiness().status().code()).isEqualTo(200);
            d3.offline();
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(health.readiness().status().code()).isEqualTo(503);
            assertThat(new String(health.readiness().body()))
                    .isEqualTo("not ready: 2 of 3 drives online, write quorum is 3\n");
            d3.heal();
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(health.ready()).isTrue();
        }
    }
}
