package io.cairn.storage.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.testing.FaultyShardStore.Op;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyShardStoreTest {

    private final InMemoryShardStore memory = new InMemoryShardStore();
    private final FaultyShardStore faulty = new FaultyShardStore(memory);
    private final ShardId shard = new ShardId("b", "k", "dd", "part.1");

    @BeforeEach
    void volume() {
        faulty.createVolume("b");
    }

    private void writeShard() {
        try (ShardWriter writer = faulty.createShard(shard, 4)) {
            writer.append(ByteBuffer.wrap("abcd".getBytes(UTF_8)));
            writer.commit();
        }
    }

    @Test
    void failsOnlyTheProgrammedCall() {
        faulty.writeManifest("b", "k", new byte[] {1});
        faulty.failOn(Op.READ_MANIFEST).onCall(2);
        assertThat(faulty.readManifest("b", "k")).containsExactly(1);
        assertThatThrownBy(() -> faulty.readManifest("b", "k")).isInstanceOf(DriveOfflineException.class)
                .hasMessageContaining("READ_MANIFEST");
        assertThat(faulty.readManifest("b", "k")).containsExactly(1);
        assertThat(faulty.calls(Op.READ_MANIFEST)).isEqualTo(3);
    }

    @Test
    void alwaysFailsWithTheGivenExceptionUntilHealed() {
        faulty.failOn(Op.WRITE_MANIFEST).with(() -> new NotFoundException("gone")).always();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> faulty.writeManifest("b", "k", new byte[1]))
                    .isInstanceOf(NotFoundException.class).hasMessage("gone");
        }
        faulty.heal();
        faulty.writeManifest("b", "k", new byte[] {7});
        assertThat(memory.readManifest("b", "k")).containsExactly(7);
    }

    @Test
    void failedCommitLeavesNothingBehind() {
        faulty.failOn(Op.COMMIT).always();
        assertThatThrownBy(this::writeShard).isInstanceOf(DriveOfflineException.class);
        assertThat(memory.openWriters()).isZero();
        assertThatThrownBy(() -> memory.openShard(shard)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void corruptReadsDamageReturnedBytesButNotTheStore() {
        writeShard();
        faulty.corruptReads();
        try (ShardReader reader = faulty.openShard(shard)) {
            ByteBuffer cells = reader.readCells(0, 1);
            assertThat(cells.get(0)).isEqualTo((byte) ('a' ^ 0xFF));
            assertThat(cells.get(1)).isEqualTo((byte) 'b');
        }
        try (ShardReader reader = memory.openShard(shard)) {
            assertThat(reader.readCells(0, 1).get(0)).isEqualTo((byte) 'a');
        }
    }

    @Test
    void detectedCorruptionCanBeInjectedAsAnException() {
        writeShard();
        faulty.failOn(Op.READ_CELLS).with(() -> new CorruptShardException("bitrot")).always();
        try (ShardReader reader = faulty.openShard(shard)) {
            assertThatThrownBy(() -> reader.readCells(0, 1)).isInstanceOf(CorruptShardException.class);
        }
    }

    @Test
    void delaysCalls() {
        faulty.delay(Op.LIST, Duration.ofMillis(200));
        long start = System.nanoTime();
        faulty.list("b", "", "", 10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void offlineFailsEveryCallAndReportsTheDriveOffline() {
        faulty.offline();
        assertThatThrownBy(() -> faulty.listVolumes()).isInstanceOf(DriveOfflineException.class);
        assertThatThrownBy(() -> faulty.openShard(shard)).isInstanceOf(DriveOfflineException.class);
        assertThat(faulty.driveInfo().online()).isFalse();
        faulty.heal();
        assertThat(faulty.driveInfo().online()).isTrue();
        assertThat(faulty.listVolumes()).hasSize(1);
    }
}
