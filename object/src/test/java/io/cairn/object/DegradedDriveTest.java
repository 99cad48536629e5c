package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.FaultyShardStore;
import io.cairn.storage.testing.FaultyShardStore.Op;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives that fail, hang or lie on programmed calls, under the real object layer on real files. */
class DegradedDriveTest {

    private static final int STRIPE = 64 * 1024;

    @TempDir
    Path dir;
    List<FaultyShardStore> drives = new ArrayList<>();
    ErasureObjectService service;

    @BeforeEach
    void setUp() {
        List<ShardStore> stores = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            FaultyShardStore f = new FaultyShardStore(new FileShardStore(dir.resolve("d" + i)));
            drives.add(f);
            stores.add(f);
        }
        service = new ErasureObjectService(stores, new StripeLayout(2, 2, STRIPE),
                ErasureObjectService.Options.defaults().withDriveTimeout(Duration.ofMillis(500)));
        service.createBucket("b");
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @Test
    void hungDriveDelaysAReadByAtMostTheTimeout() {
        byte[] data = ObjectLayerFixture.random(8 * STRIPE, 1);
        put("slow", data);
        int[] order = ErasureObjectServiceTest.placementOrder("b", "slow");
        drives.get(order[0]).delay(Op.READ_CELLS, Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThat(get("slow")).isEqualTo(data);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void driveFailingMidWriteStillAcknowledgesWithQuorumAndIsHealed() {
        byte[] data = ObjectLayerFixture.random(6 * STRIPE + 3, 2);
        int[] order = ErasureObjectServiceTest.placementOrder("b", "mid");
        drives.get(order[1]).failOn(Op.APPEND).onCall(3);
        put("mid", data);
        drives.get(order[1]).heal();
        assertThat(get("mid")).isEqualTo(data);
        service.awaitHeals();
        assertThat(service.healObject("b", "mid")).isZero();
        // the rebuilt shard carries the data: lose both parity drives and read again
        drives.get(order[2]).offline();
        drives.get(order[3]).offline();
        assertThat(get("mid")).isEqualTo(data);
    }

    @Test
    void commitFailingOnTwoDrivesFailsThePutAndKeepsThePreviousVersion() {
        byte[] v1 = ObjectLayerFixture.random(STRIPE, 3);
        put("c", v1);
        drives.get(0).failOn(Op.COMMIT).always();
        drives.get(1).failOn(Op.COMMIT).always();
        assertThatThrownBy(() -> put("c", ObjectLayerFixture.random(STRIPE, 4))).isInstanceOf(QuorumException.class);
        drives.forEach(FaultyShardStore::heal);
        assertThat(get("c")).isEqualTo(v1);
    }

    @Test
    void manifestWriteFailingOnTwoDrivesRollsBack() {
        byte[] v1 = ObjectLayerFixture.random(100, 5);
        put("m", v1);
        drives.get(2).failOn(Op.WRITE_MANIFEST).onCall(1);
        drives.get(3).failOn(Op.WRITE_MANIFEST).onCall(1);
        assertThatThrownBy(() -> put("m", ObjectLayerFixture.random(200, 6))).isInstanceOf(QuorumException.class);
        drives.forEach(FaultyShardStore::heal);
        assertThat(get("m")).isEqualTo(v1);
        assertThat(service.headObject("b", "m", null).size()).isEqualTo(100);
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneWholeVersion() throws Exception {
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            versions.add(ObjectLayerFixture.random(2 * STRIPE + i, 100 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ObjectInfo>> futures = new ArrayList<>();
            for (byte[] v : versions) {
                futures.add(pool.submit(() -> put("race", v)));
            }
            for (Future<ObjectInfo> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        byte[] got = get("race");
        assertThat(versions).anySatisfy(v -> assertThat(got).isEqualTo(v));
        // only the winner's shards are left on the drives
        assertThat(service.healObject("b", "race")).isZero();
    }

    private ObjectInfo put(String key, byte[] data) {
        return service.putObject("b", key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
    }

    private byte[] get(String key) {
        try (ObjectContent c = service.getObject("b", key, null, null)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            return all.array();
        }
    }
}
