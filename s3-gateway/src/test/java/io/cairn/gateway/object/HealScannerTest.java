package io.cairn.gateway.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealScannerTest {

    @TempDir
    Path dir;

    @Test
    void scanRepairsEveryDamagedObjectSoTheStoreSurvivesLosingOtherDrives() {
        try (ObjectLayerFixture fx = new ObjectLayerFixture(dir, 2, 2, 64 * 1024)) {
            fx.service.createBucket("a");
            fx.service.createBucket("b");
            List<byte[]> data = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] d = ObjectLayerFixture.random(1000 * i + 1, i);
                data.add(d);
                fx.put(i % 2 == 0 ? "a" : "b", "k" + i, d);
            }
            fx.wipeDrive(0);
            fx.flipBytes(1);
            fx.reopen();
            List<HealProgress> seen = new ArrayList<>();
            HealProgress done = fx.service.healAll(null, null, 0, seen::add);
            assertThat(done.done()).isTrue();
            assertThat(done.scanned()).isEqualTo(12);
            assertThat(done.repaired()).isEqualTo(12);
            assertThat(done.failed()).isZero();
            assertThat(done.shardsRebuilt()).isEqualTo(24);
            assertThat(seen).hasSize(13);
            assertThat(fx.service.lastHealScan()).isEqualTo(done);

            HealProgress again = fx.service.healAll("a", "k1", 1000, p -> { });
            // bucket a holds the even keys: only k10 starts with "k1", and it is healthy now
            assertThat(again.scanned()).isEqualTo(1);
            assertThat(again.repaired()).isZero();
            fx.deleteDrive(2);
            fx.deleteDrive(3);
            for (int i = 0; i < 12; i++) {
                assertThat(fx.get(i % 2 == 0 ? "a" : "b", "k" + i, null)).isEqualTo(data.get(i));
            }
        }
    }

    @Test
    void backgroundHealRepairsWithoutAnyRead() throws Exception {
        try (ObjectLayerFixture fx = new ObjectLayerFixture(dir, 2, 2, 64 * 1024)) {
            fx.service.createBucket("bg");
            byte[] d = ObjectLayerFixture.random(200_000, 1);
            fx.put("bg", "k", d);
            fx.flipBytes(0);
            fx.flipBytes(1);
            fx.service.startBackgroundHeal(java.time.Duration.ofMillis(200), 0);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while ((fx.service.lastHealScan() == null || !fx.service.lastHealScan().done())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fx.service.lastHealScan().repaired()).isEqualTo(1);
            fx.deleteDrive(2);
            fx.deleteDrive(3);
            assertThat(fx.get("bg", "k", null)).isEqualTo(d);
        }
    }
}
