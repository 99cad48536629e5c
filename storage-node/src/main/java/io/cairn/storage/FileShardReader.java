package io.cairn.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/** Reads cells of a committed shard with positional reads; safe for concurrent {@link #readCells}. */
final class FileShardReader implements ShardReader {

    private final FileShardStore store;
    private final ShardId shard;
    private final ChecksumTable table;
    private final FileChannel data;

    private FileShardReader(FileShardStore store, ShardId shard, ChecksumTable table, FileChannel data) {
        this.store = store;
        this.shard = shard;
        this.table = table;
        this.data = data;
    }

    static FileShardReader open(FileShardStore store, ShardId shard) {
        DriveLayout layout = store.layout();
        ChecksumTable table;
        try {
            // The checksums are read first: their presence is what makes a shard committed.
            table = ChecksumTable.decode(ByteBuffer.wrap(Files.readAllBytes(layout.crcFile(shard))), shard.toString());
        } catch (NoSuchFileException e) {
            throw store.io().translate(e, "open shard " + shard);
        } catch (IOException e) {
            throw store.io().translate(e, "read checksums of " + shard);
        }
        FileChannel data = null;
        try {
            data = FileChannel.open(layout.partFile(shard), StandardOpenOption.READ);
            if (data.size() > table.length()) {
                throw new CorruptShardException("shard " + shard + " has " + data.size()
                        + " bytes but its checksums cover " + table.length());
            }
            return new FileShardReader(store, shard, table, data);
        } catch (NoSuchFileException e) {
            ShardStoreException translated = store.io().translate(e, "open shard " + shard);
            throw translated instanceof NotFoundException
                    ? new CorruptShardException("shard " + shard + " has checksums but no data file", e)
                    : translated;
        } catch (IOException e) {
            closeQuietly(data);
            throw store.io().translate(e, "open shard " + shard);
        } catch (RuntimeException e) {
            closeQuietly(data);
            throw e;
        }
    }

    @Override
    public long length() {
        return table.length();
    }

    @Override
    public int cellSize() {
        return table.cellSize();
    }

    @Override
    public ByteBuffer readCells(long firstCell, int count) {
        if (firstCell < 0 || count < 0 || firstCell + count > table.cellCount()) {
            throw new IllegalArgumentException("cells [" + firstCell + ", " + (firstCell + count)
                    + ") outside shard " + shard + " of " + table.cellCount() + " cells");
        }
        long start = firstCell * table.cellSize();
        long end = Math.min(table.length(), (firstCell + count) * table.cellSize());
        ByteBuffer out = ByteBuffer.allocate((int) (end - start));
        try {
            while (out.hasRemaining()) {
                if (data.read(out, start + out.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw store.io().translate(e, "read shard " + shard);
        }
        out.flip();
        for (int i = 0; i < count; i++) {
            verifyCell(out, firstCell + i, i * table.cellSize());
        }
        return out;
    }

    private void verifyCell(ByteBuffer cells, long index, int offset) {
        int cellLength = table.cellLength(index);
        if (cells.limit() < offset + cellLength) {
            throw new CorruptShardException("shard " + shard + " is truncated: cell " + index + " is incomplete");
        }
        ByteBuffer cell = cells.duplicate().position(offset).limit(offset + cellLength);
        if (ChecksumTable.crc(cell) != table.cellCrcs()[(int) index]) {
            throw new CorruptShardException("cell " + index + " of shard " + shard + " fails its checksum");
        }
    }

    @Override
    public void close() {
        closeQuietly(data);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }
}
