package io.cairn.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Counter;
import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.testing.FaultyShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MeteredShardStoreTest {

    private final Counter io = new Counter();
    private final Counter checksum = new Counter();

    @Test
    void countsOfflineAndCorruptFailuresOnlyAndRethrowsThem() {
        FaultyShardStore faulty = new FaultyShardStore(new InMemoryShardStore("d1"));
        MeteredShardStore drive = new MeteredShardStore(faulty, io, checksum);
        drive.createVolume("b");
        ShardId id = new ShardId("b", "k", "dd", "part.1");
        try (ShardWriter w = drive.createShard(id, 4)) {
            w.append(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            w.commit();
        }
        assertThatThrownBy(() -> drive.readManifest("b", "missing")).isInstanceOf(NotFoundException.class);
        assertThat(io.getCount() + checksum.getCount()).isZero();

        faulty.failOn(FaultyShardStore.Op.READ_CELLS).with(() -> new CorruptShardException("bad crc")).always();
        try (ShardReader r = drive.openShard(id)) {
            assertThatThrownBy(() -> r.readCells(0, 1)).isInstanceOf(CorruptShardException.class);
        }
        assertThat(checksum.getCount()).isEqualTo(1);

        faulty.heal().failOn(FaultyShardStore.Op.WRITE_MANIFEST)
                .with(() -> new DriveOfflineException("gone")).always();
        assertThatThrownBy(() -> drive.writeManifest("b", "k", new byte[1])).hasMessage("gone");
        assertThat(io.getCount()).isEqualTo(1);
        assertThat(checksum.getCount()).isEqualTo(1);
    }
}
