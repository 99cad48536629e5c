package io.cairn.cluster;

import io.cairn.object.KeyLockService;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.object.ObjectPlacement;
import io.cairn.object.QuorumException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.testing.FaultyShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two gateways (two lock services) over the same four drives of a 2+2 placement: write quorum 3. */
class QuorumKeyLocksTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<ShardStore> drives = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    QuorumKeyLocksTest() {
        for (int i = 1; i <= 4; i++) {
            FencedShardStore d = new FencedShardStore(new InMemoryShardStore("d" + i), nanos::get);
            d.createVolume("bkt");
            drives.add(d);
        }
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private QuorumKeyLocks gateway(List<ShardStore> view) {
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
        return new QuorumKeyLocks(placement, 3, Duration.ofSeconds(30), Duration.ofMillis(300),
                Duration.ofSeconds(2), executor);
    }

    @Test
    void aSecondGatewayWaitsForTheFirstAndGetsAHigherToken() {
        QuorumKeyLocks one = gateway(drives);
        QuorumKeyLocks two = gateway(drives);
        KeyLockService.Lease a = one.lock("bkt", "k");
        assertThatThrownBy(() -> two.lock("bkt", "k")).isInstanceOf(QuorumException.class);
        assertThat(two.lock("bkt", "other").token()).isEqualTo(1);
        one.unlock(a);
        KeyLockService.Lease b = two.lock("bkt", "k");
        assertThat(b.token()).isGreaterThan(a.token());
    }

    @Test
    void aWriterWhoseLeaseExpiredCommitsOnFewerDrivesThanTheWriteQuorum() {
        QuorumKeyLocks one = gateway(drives);
        KeyLockService.Lease a = one.lock("bkt", "k");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        // The second gateway cannot reach drive 4: it locks and fences on drives 1-3 only.
        List<ShardStore> partial = new ArrayList<>(drives.subList(0, 3));
        partial.add(new FaultyShardStore(drives.get(3)).offline());
        KeyLockService.Lease b = gateway(partial).lock("bkt", "k");
        assertThat(b.token()).isGreaterThan(a.token());

        int late = 0;
        for (ShardStore d : drives) {
            try {
                d.writeManifest("bkt", "k", "from a".getBytes(UTF_8), a.token());
                late++;
            } catch (StaleFencingTokenException refused) {
                // the newer writer's token is there
            }
        }
        assertThat(late).isLessThan(3);
        for (ShardStore d : drives) {
            d.writeManifest("bkt", "k", "from b".getBytes(UTF_8), b.token());
        }
        for (ShardStore d : drives) {
            assertThat(new String(d.readManifest("bkt", "k"), UTF_8)).isEqualTo("from b");
        }
    }

    @Test
    void withOneDriveDownTheLockStillHoldsAndTwoDrivesDownItDoesNot() {
        List<ShardStore> oneDown = new ArrayList<>(drives);
        oneDown.set(0, new FaultyShardStore(drives.get(0)).offline());
        assertThat(gateway(oneDown).lock("bkt", "k").token()).isEqualTo(1);
        List<ShardStore> twoDown = new ArrayList<>(oneDown);
        twoDown.set(1, new FaultyShardStore(drives.get(1)).offline());
        assertThatThrownBy(() -> gateway(twoDown).lock("bkt", "j")).isInstanceOf(QuorumException.class);
    }
}
