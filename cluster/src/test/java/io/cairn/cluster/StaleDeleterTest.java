package io.cairn.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectPlacement;
import io.cairn.object.PutOptions;
import io.cairn.object.QuorumException;
import io.cairn.storage.KeyFence;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways over the same four fenced drives (2+2, write quorum 3), each with its own key locks. Gateway A
 * pauses inside a manifest delete until its lease has expired on every drive; gateway B then locks the key and
 * commits a new object. A's delete, arriving late, must leave B's acknowledged object whole.
 */
class StaleDeleterTest {

    private static final String BUCKET = "bkt";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();
    private final List<FencedShardStore> drives = new ArrayList<>();
    private final List<PausingDrive> viewOfA = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ErasureObjectService a;
    private final ErasureObjectService b;

    StaleDeleterTest() {
        for (int i = 1; i <= 4; i++) {
            FencedShardStore d = new FencedShardStore(new InMemoryShardStore("d" + i), nanos::get);
            drives.add(d);
            viewOfA.add(new PausingDrive(d));
        }
        a = gateway(List.copyOf(viewOfA));
        b = gateway(List.copyOf(drives));
        a.createBucket(BUCKET);
    }

    @AfterEach
    void tearDown() {
        viewOfA.forEach(PausingDrive::open);
        a.close();
        b.close();
        executor.shutdownNow();
    }

    private ErasureObjectService gateway(List<ShardStore> view) {
        ObjectPlacement placement = new ObjectPlacement() {
            @Override
            public List<ShardStore> drives() {
                return view;
            }

            @Override
            public List<ShardStore> placement(String bucket, String key) {
                return view;
            }
        };
        QuorumKeyLocks locks = new QuorumKeyLocks(placement, 3, LEASE, Duration.ofSeconds(2), Duration.ofSeconds(2),
                executor);
        return new ErasureObjectService(placement, new StripeLayout(2, 2, 64 * 1024),
                ErasureObjectService.Options.defaults().withKeyLocks(locks));
    }

    @Test
    void aDeleteOfAnUnversionedObjectWhoseLeaseExpiredCannotRemoveANewerWrite() throws Exception {
        put(a, "k", "the old object");
        CountDownLatch arrived = pauseDeletesOfA(4);
        Future<?> lateDelete = executor.submit(() -> a.deleteObject(BUCKET, "k", null));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("A reached its manifest deletes").isTrue();

        nanos.addAndGet(LEASE.plusSeconds(1).toNanos());
        put(b, "k", "the newer object, acknowledged");
        viewOfA.forEach(PausingDrive::open);

        assertThatThrownBy(() -> lateDelete.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(QuorumException.class)
                .hasMessageContaining("write quorum not reached");
        assertThat(get(b, "k")).isEqualTo("the newer object, acknowledged");
        assertThat(get(a, "k")).isEqualTo("the newer object, acknowledged");
        byte[] committed = drives.get(0).readManifest(BUCKET, "k");
        for (FencedShardStore d : drives) {
            assertThat(d.readManifest(BUCKET, "k")).as(d.id()).isEqualTo(committed);
        }
    }

    @Test
    void aHealWhoseLeaseExpiredCannotDeleteTheManifestANewerWriterLeftOnAStaleDrive() throws Exception {
        // A leftover manifest on one drive only: the read quorum says the key is absent, so heal deletes it.
        drives.get(0).writeManifest(BUCKET, "k", "a leftover".getBytes(UTF_8));
        CountDownLatch arrived = pauseDeletesOfA(1);
        Future<Integer> lateHeal = executor.submit(() -> a.healObject(BUCKET, "k"));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the heal reached its manifest delete").isTrue();

        nanos.addAndGet(LEASE.plusSeconds(1).toNanos());
        put(b, "k", "written while the heal slept");
        viewOfA.forEach(PausingDrive::open);
        lateHeal.get(10, TimeUnit.SECONDS);

        byte[] committed = drives.get(1).readManifest(BUCKET, "k");
        for (FencedShardStore d : drives) {
            assertThat(d.readManifest(BUCKET, "k")).as(d.id()).isEqualTo(committed);
        }
        assertThat(get(b, "k")).isEqualTo("written while the heal slept");
    }

    /** The next manifest deletes of gateway A in the bucket wait until opened; the latch counts arrivals. */
    private CountDownLatch pauseDeletesOfA(int expected) {
        CountDownLatch arrived = new CountDownLatch(expected);
        CountDownLatch gate = new CountDownLatch(1);
        viewOfA.forEach(d -> d.pause(arrived, gate));
        return arrived;
    }

    private static void put(ErasureObjectService gateway, String key, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        gateway.putObject(BUCKET, key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of(Map.of()));
    }

    private static String get(ErasureObjectService gateway, String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectContent content = gateway.getObject(BUCKET, key, null, null)) {
            for (ByteBuffer chunk = content.next(); chunk != null; chunk = content.next()) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.writeBytes(bytes);
            }
        }
        return out.toString(UTF_8);
    }

    /** Gateway A's view of a drive: its manifest deletes in the bucket can be held at a gate. */
    private static final class PausingDrive extends ForwardingShardStore implements KeyFence {

        private final FencedShardStore fenced;
        private volatile CountDownLatch arrived;
        private volatile CountDownLatch gate;

        PausingDrive(FencedShardStore fenced) {
            super(fenced);
            this.fenced = fenced;
        }

        void pause(CountDownLatch arrivals, CountDownLatch opening) {
            this.gate = opening;
            this.arrived = arrivals;
        }

        void open() {
            CountDownLatch g = gate;
            if (g != null) {
                g.countDown();
            }
        }

        private void await(String volume) {
            CountDownLatch g = gate;
            if (g == null || !BUCKET.equals(volume)) {
                return;
            }
            arrived.countDown();
            try {
                g.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void deleteManifest(String volume, String key) {
            await(volume);
            super.deleteManifest(volume, key);
        }

        @Override
        public void deleteManifest(String volume, String key, long fencingToken) {
            await(volume);
            super.deleteManifest(volume, key, fencingToken);
        }

        @Override
        public long acquireLease(String volume, String key, String owner, long ttlMillis) {
            return fenced.acquireLease(volume, key, owner, ttlMillis);
        }

        @Override
        public void fence(String volume, String key, String owner, long token) {
            fenced.fence(volume, key, owner, token);
        }

        @Override
        public void releaseLease(String volume, String key, String owner) {
            fenced.releaseLease(volume, key, owner);
        }
    }
}
