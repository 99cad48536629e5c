package io.cairn.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.testing.InMemoryShardStore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FencedShardStoreTest {

    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryShardStore disk = new InMemoryShardStore("d1");
    private FencedShardStore drive;

    @BeforeEach
    void setUp() {
        drive = new FencedShardStore(disk, nanos::get);
        drive.createVolume("bkt");
    }

    @Test
    void aLeaseIsExclusiveUntilReleasedOrExpired() {
        assertThat(drive.acquireLease("bkt", "k", "a", 1000)).isZero();
        assertThatThrownBy(() -> drive.acquireLease("bkt", "k", "b", 1000)).isInstanceOf(KeyLeasedException.class);
        assertThat(drive.acquireLease("bkt", "other", "b", 1000)).isZero();
        drive.releaseLease("bkt", "k", "a");
        drive.acquireLease("bkt", "k", "b", 1000);
        nanos.addAndGet(1_000_000_001L);
        drive.acquireLease("bkt", "k", "c", 1000);
    }

    @Test
    void aTokenLowerThanTheFencedOneCannotCommit() {
        drive.acquireLease("bkt", "k", "a", 1000);
        drive.fence("bkt", "k", "a", 5);
        assertThatThrownBy(() -> drive.fence("bkt", "k", "a", 5)).isInstanceOf(StaleFencingTokenException.class);
        assertThatThrownBy(() -> drive.writeManifest("bkt", "k", "old".getBytes(UTF_8), 4))
                .isInstanceOf(StaleFencingTokenException.class);
        drive.writeManifest("bkt", "k", "new".getBytes(UTF_8), 5);
        assertThat(new String(drive.readManifest("bkt", "k"), UTF_8)).isEqualTo("new");
        drive.writeManifest("bkt", "k", "newer".getBytes(UTF_8), 9);
        assertThat(drive.acquireLease("bkt", "k", "a", 1000)).isEqualTo(9);
    }

    @Test
    void aWriterWhoseLeaseExpiredCannotCommitEvenWithTheHighestToken() {
        drive.acquireLease("bkt", "k", "a", 1000);
        drive.fence("bkt", "k", "a", 1);
        nanos.addAndGet(2_000_000_000L);
        assertThatThrownBy(() -> drive.writeManifest("bkt", "k", "late".getBytes(UTF_8), 1))
                .isInstanceOf(StaleFencingTokenException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> drive.fence("bkt", "k", "a", 2)).isInstanceOf(KeyLeasedException.class);
    }

    @Test
    void aDeleterWhoseLeaseExpiredCannotDeleteEvenWithTheHighestToken() {
        drive.writeManifest("bkt", "k", "kept".getBytes(UTF_8));
        drive.acquireLease("bkt", "k", "a", 1000);
        drive.fence("bkt", "k", "a", 1);
        nanos.addAndGet(2_000_000_000L);
        assertThatThrownBy(() -> drive.deleteManifest("bkt", "k", 1))
                .isInstanceOf(StaleFencingTokenException.class).hasMessageContaining("expired");
        assertThat(new String(drive.readManifest("bkt", "k"), UTF_8)).isEqualTo("kept");
    }

    @Test
    void aDeleteWithANewerTokenIsRememberedAcrossARestart() {
        drive.writeManifest("bkt", "k", "v".getBytes(UTF_8), 2);
        drive.deleteManifest("bkt", "k", 4);
        FencedShardStore restarted = new FencedShardStore(disk, nanos::get);
        assertThat(restarted.acquireLease("bkt", "k", "b", 1000)).isEqualTo(4);
        assertThatThrownBy(() -> restarted.writeManifest("bkt", "k", "x".getBytes(UTF_8), 3))
                .isInstanceOf(StaleFencingTokenException.class);
    }

    @Test
    void tokensSurviveARestartOfTheNode() {
        drive.acquireLease("bkt", "k", "a", 1000);
        drive.fence("bkt", "k", "a", 7);
        FencedShardStore restarted = new FencedShardStore(disk, nanos::get);
        assertThat(restarted.acquireLease("bkt", "k", "b", 1000)).isEqualTo(7);
        assertThatThrownBy(() -> restarted.writeManifest("bkt", "k", "x".getBytes(UTF_8), 6))
                .isInstanceOf(StaleFencingTokenException.class);
        assertThat(restarted.listVolumes()).extracting(v -> v.name()).containsExactly("bkt");
    }
}
