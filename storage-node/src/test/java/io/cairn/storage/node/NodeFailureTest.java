package io.cairn.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.testing.Await;
import io.cairn.storage.testing.FaultyShardStore;
import io.cairn.storage.testing.ManualClock;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client sees when the node stops, hangs, or the wire damages cells. */
class NodeFailureTest {

    private static final NodeClientConfig FAST = new NodeClientConfig(Duration.ofMillis(500), Duration.ofMillis(400),
            Duration.ofMillis(700), 4);
    private static final ShardId SHARD = new ShardId("bucket", "photos/cat.jpg", "dd-1", "part.1");

    @TempDir
    Path tmp;
    private FaultyShardStore drive;
    private StorageNodeServer server;
    private NodeConnectionPool pool;
    /** The pool's cool-downs run on this: a test ends one by moving it, not by sleeping through it. */
    private final ManualClock ticker = new ManualClock();

    @BeforeEach
    void start() {
        drive = new FaultyShardStore(new FileShardStore(tmp.resolve("d1")));
        drive.createVolume("bucket");
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("d1", drive), NodeTestDrives.SECRET);
        pool = new NodeConnectionPool(server.address(), NodeTestDrives.SECRET, FAST, ticker::nanos);
    }

    @AfterEach
    void stop() {
        pool.close();
        server.close();
    }

    private static ByteBuffer cell(int size, byte fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, fill);
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void stoppedNodeIsOfflineWithinTheConnectTimeoutThenFailsFastUntilTheCoolDownEnds() throws Exception {
        ShardStore remote = pool.drive("d1");
        remote.writeManifest("bucket", "k", new byte[] {7});
        InetSocketAddress address = server.address();
        server.close();

        long start = System.nanoTime();
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("127.0.0.1:" + address.getPort());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // A call that met a connection the node had closed fails without tripping the circuit; the first
        // refused connect trips it, and from then on calls fail at once.
        Throwable failure = null;
        long elapsed = 0;
        for (int i = 0; i < 3 && (failure == null || !failure.getMessage().contains("marked offline")); i++) {
            start = System.nanoTime();
            failure = catchThrowable(() -> remote.readManifest("bucket", "k"));
            elapsed = System.nanoTime() - start;
        }
        assertThat(failure).isInstanceOf(DriveOfflineException.class).hasMessageContaining("marked offline");
        // "at once": well below the 400 ms call timeout, with room for a loaded machine's scheduling
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofMillis(350));
        assertThat(remote.driveInfo().online()).isFalse();

        server = StorageNodeServer.start(address, Map.of("d1", drive), NodeTestDrives.SECRET);
        ticker.advance(FAST.offlineCooldown().minusMillis(1));
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("marked offline");
        ticker.advance(Duration.ofMillis(1));
        assertThat(remote.readManifest("bucket", "k")).containsExactly(7);
        assertThat(remote.driveInfo().online()).isTrue();
    }

    @Test
    void hangingNodeTimesOutAsOfflineIsSkippedForTheCooldownThenUsedOnAFreshConnection() throws Exception {
        ShardStore remote = pool.drive("d1");
        remote.writeManifest("bucket", "k", new byte[] {1});
        drive.delay(FaultyShardStore.Op.READ_MANIFEST, Duration.ofMillis(1500));

        long start = System.nanoTime();
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("did not answer within 400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(390), Duration.ofMillis(1400));

        // A node that went silent is not asked again for the cool-down (700 ms), so callers fail at once.
        drive.heal();
        long fast = System.nanoTime();
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("marked offline");
        assertThat(Duration.ofNanos(System.nanoTime() - fast)).isLessThan(Duration.ofMillis(350));
        ticker.advance(FAST.offlineCooldown().minusMillis(1));
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("marked offline");
        ticker.advance(Duration.ofMillis(1));
        assertThat(remote.readManifest("bucket", "k")).containsExactly(1);
    }

    @Test
    void nodeErrorsComeBackAsTheSameTypes() {
        ShardStore remote = pool.drive("d1");
        drive.failOn(FaultyShardStore.Op.LIST).with(() -> new CorruptShardException("injected")).onCall(1);
        assertThatThrownBy(() -> remote.list("bucket", "", "", 10)).isInstanceOf(CorruptShardException.class)
                .hasMessageContaining("injected");
        assertThatThrownBy(() -> remote.readManifest("bucket", "missing")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(remote.id());
        assertThatThrownBy(() -> pool.drive("nope").readManifest("bucket", "k")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has no drive nope");
        drive.offline();
        assertThatThrownBy(() -> remote.readManifest("bucket", "k")).isInstanceOf(DriveOfflineException.class);
    }

    @Test
    void cellDamagedOnTheWayToTheClientIsCorrupt() throws Exception {
        try (CorruptingProxy proxy = new CorruptingProxy(server.address(), (byte) 0xEE);
             NodeConnectionPool viaProxy = new NodeConnectionPool(proxy.address(), NodeTestDrives.SECRET, FAST)) {
            ShardStore remote = viaProxy.drive("d1");
            try (ShardWriter writer = remote.createShard(SHARD, 4096)) {
                writer.append(cell(4096, (byte) 0xEE));
                writer.append(cell(100, (byte) 0xEE));
                writer.commit();
            }
            try (ShardReader reader = remote.openShard(SHARD)) {
                assertThat(reader.readCells(0, 2)).isEqualTo(ByteBuffer.allocate(4196).put(cell(4096, (byte) 0xEE))
                        .put(cell(100, (byte) 0xEE)).flip());
                proxy.corruptNextResponseByte();
                assertThatThrownBy(() -> reader.readCells(0, 2)).isInstanceOf(CorruptShardException.class)
                        .hasMessageContaining("cell 0").hasMessageContaining("in transit");
                assertThat(reader.readCells(1, 1)).isEqualTo(cell(100, (byte) 0xEE));
            }
        }
    }

    @Test
    void cellDamagedOnTheWayToTheNodeIsRefusedAndNeverStored() throws Exception {
        try (CorruptingProxy proxy = new CorruptingProxy(server.address(), (byte) 0xEE);
             NodeConnectionPool viaProxy = new NodeConnectionPool(proxy.address(), NodeTestDrives.SECRET, FAST)) {
            ShardStore remote = viaProxy.drive("d1");
            ShardWriter writer = remote.createShard(SHARD, 4096);
            writer.append(cell(4096, (byte) 0xEE));
            proxy.corruptNextRequestByte();
            assertThatThrownBy(() -> writer.append(cell(4096, (byte) 0xEE))).isInstanceOf(CorruptShardException.class)
                    .hasMessageContaining("in transit");
            assertThat(writer.length()).isEqualTo(4096);
            writer.commit();
            try (ShardReader reader = remote.openShard(SHARD)) {
                assertThat(reader.length()).isEqualTo(4096);
            }
        }
    }

    @Test
    void abandonedWritesAreAbortedWhenTheNodeCloses() {
        ShardWriter writer = pool.drive("d1").createShard(SHARD, 16);
        writer.append(cell(16, (byte) 1));
        assertThat(server.openWrites()).isEqualTo(1);
        server.close();
        assertThat(server.openWrites()).isZero();
        assertThatThrownBy(() -> drive.openShard(SHARD)).isInstanceOf(NotFoundException.class);
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("d1", drive), NodeTestDrives.SECRET);
    }

    @Test
    void sequentialCallsReuseOneKeepAliveConnectionAndConcurrentOnesAFew() throws Exception {
        try (CorruptingProxy relay = new CorruptingProxy(server.address(), (byte) 0xEE);
             NodeConnectionPool viaRelay = new NodeConnectionPool(relay.address(), NodeTestDrives.SECRET, FAST)) {
            ShardStore remote = viaRelay.drive("d1");
            for (int i = 0; i < 50; i++) {
                remote.writeManifest("bucket", "k" + i, new byte[] {(byte) i});
                assertThat(remote.readManifest("bucket", "k" + i)).containsExactly(i);
            }
            assertThat(relay.accepted()).isEqualTo(1);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            assertThat(remote.readManifest("bucket", "k" + i)).containsExactly(i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(relay.accepted()).isBetween(2, 5);
        }
    }

    @Test
    void writeIdleForTooLongIsAbortedByTheNode() throws Exception {
        server.close();
        ManualClock idle = new ManualClock();
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("d1", drive),
                NodeTestDrives.SECRET, Clock.systemUTC(), idle::nanos, Duration.ofMillis(300));
        NodeConnectionPool fresh = new NodeConnectionPool(server.address(), NodeTestDrives.SECRET, FAST);
        try {
            ShardWriter writer = fresh.drive("d1").createShard(SHARD, 16);
            writer.append(cell(16, (byte) 1));
            idle.advance(Duration.ofMillis(300));
            writer.append(cell(16, (byte) 1)); // an append in time keeps the write open
            idle.advance(Duration.ofMillis(301));
            Await.until("the node aborts the idle write", Duration.ofSeconds(10), () -> server.openWrites() == 0);
            assertThatThrownBy(() -> writer.append(cell(16, (byte) 2))).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("idle");
            assertThatThrownBy(writer::commit).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> drive.openShard(SHARD)).isInstanceOf(NotFoundException.class);
        } finally {
            fresh.close();
        }
    }
}
