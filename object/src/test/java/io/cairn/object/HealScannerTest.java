package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.FaultyShardStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            fx.service.startBackgroundHeal(Duration.ofMillis(200), 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((fx.service.lastHealScan() == null || !fx.service.lastHealScan().done())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fx.service.lastHealScan().repaired()).isEqualTo(1);
            // a new process without the scan: one still running would write into drives being removed
            fx.reopen();
            fx.deleteDrive(2);
            fx.deleteDrive(3);
            assertThat(fx.get("bg", "k", null)).isEqualTo(d);
        }
    }

    @Test
    void anObjectWhoseHealFailsForAPassingReasonIsTriedAgainAfterTheWalk() throws Exception {
        List<FaultyShardStore> drives = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            drives.add(new FaultyShardStore(new FileShardStore(Files.createDirectories(dir.resolve("d" + i)))));
        }
        try (ErasureObjectService service = new ErasureObjectService(List.<ShardStore>copyOf(drives),
                new StripeLayout(2, 2, 64 * 1024))) {
            service.createBucket("b");
            byte[] d = ObjectLayerFixture.random(100_000, 3);
            service.putObject("b", "k", new ByteArrayInputStream(d), d.length, PutOptions.of(Map.of()));
            // The next manifest read fails on three drives: the first heal of k finds no read quorum.
            for (int i = 0; i < 3; i++) {
                drives.get(i).failOn(FaultyShardStore.Op.READ_MANIFEST).onCall(1);
            }
            HealProgress done = service.healAll("b", null, 0, p -> { });
            assertThat(done.scanned()).isEqualTo(1);
            assertThat(done.failed()).isZero();
            assertThat(drives.get(0).calls(FaultyShardStore.Op.READ_MANIFEST)).isGreaterThan(1);
        }
    }
}
