package io.cairn.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a shard into the drive's temp area and commits it by renaming into its data directory: the
 * data file first, then the {@code .crc} file. The {@code .crc} rename is the commit point; a crash
 * before it leaves at most an orphan data file that readers ignore (no checksums means no shard).
 */
final class FileShardWriter implements ShardWriter {

    private final FileShardStore store;
    private final ShardId shard;
    private final int cellSize;
    private final Path tmpData;
    private final Path tmpCrc;
    private final FileChannel data;
    private int[] crcs = new int[16];
    private int cells;
    private long length;
    private boolean shortCellSeen;
    private boolean closed;

    FileShardWriter(FileShardStore store, ShardId shard, int cellSize, Path tmpDir) throws IOException {
        this.store = store;
        this.shard = shard;
        this.cellSize = cellSize;
        String name = UUID.randomUUID().toString();
        this.tmpData = tmpDir.resolve(name + ".part");
        this.tmpCrc = tmpDir.resolve(name + DriveLayout.CRC_SUFFIX);
        this.data = FileChannel.open(tmpData, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized void append(ByteBuffer cell) {
        checkOpen();
        int size = cell.remaining();
        if (size == 0) {
            return; // an empty buffer adds no cell: an empty shard has zero cells
        }
        if (size > cellSize || shortCellSeen) {
            throw new IllegalArgumentException("cell of " + size + " bytes after " + cells
                    + " cells: only the last cell may differ from the cell size " + cellSize);
        }
        shortCellSeen = size < cellSize;
        ByteBuffer bytes = cell.duplicate();
        try {
            while (bytes.hasRemaining()) {
                data.write(bytes);
            }
        } catch (IOException e) {
            abortQuietly();
            throw store.io().translate(e, "write shard " + shard);
        }
        if (cells == crcs.length) {
            crcs = Arrays.copyOf(crcs, cells * 2);
        }
        crcs[cells++] = ChecksumTable.crc(cell);
        length += size;
    }

    @Override
    public synchronized long length() {
        return length;
    }

    @Override
    public synchronized void commit() {
        checkOpen();
        closed = true;
        try {
            ChecksumTable table = new ChecksumTable(cellSize, length, Arrays.copyOf(crcs, cells));
            DriveIo.fsyncFile(data);
            data.close();
            try (FileChannel crc = FileChannel.open(tmpCrc, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer encoded = table.encode();
                while (encoded.hasRemaining()) {
                    crc.write(encoded);
                }
                DriveIo.fsyncFile(crc);
            }
            Path crcTarget = store.layout().crcFile(shard);
            store.moveIntoPlace(tmpData, store.layout().partFile(shard), shard.volume());
            store.moveIntoPlace(tmpCrc, crcTarget, shard.volume());
        } catch (IOException e) {
            deleteTemps();
            throw store.io().translate(e, "commit shard " + shard);
        } catch (RuntimeException e) {
            deleteTemps();
            throw e;
        }
    }

    @Override
    public synchronized void abort() {
        if (!closed) {
            closed = true;
            abortQuietly();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shard writer of " + shard + " is already committed or aborted");
        }
    }

    private void abortQuietly() {
        closed = true;
        try {
            data.close();
        } catch (IOException e) {
            // the temp file is deleted below either way
        }
        deleteTemps();
    }

    private void deleteTemps() {
        try {
            Files.deleteIfExists(tmpData);
            Files.deleteIfExists(tmpCrc);
        } catch (IOException e) {
            // the temp area is emptied when the store starts
        }
    }
}
