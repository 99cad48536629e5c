package io.cairn.storage;

import java.nio.ByteBuffer;

/** Reads whole cells of a committed shard, verifying each cell's checksum. */
public interface ShardReader extends AutoCloseable {

    /** Length of the shard in bytes. */
    long length();

    /** The cell size the shard was written with (the last cell may be shorter). */
    int cellSize();

    /**
     * Reads {@code count} cells starting at {@code firstCell}; returns a buffer positioned at 0 holding
     * exactly those cells' bytes. Throws {@link CorruptShardException} when a cell fails its checksum or
     * the file is shorter than its checksums say.
     */
    ByteBuffer readCells(long firstCell, int count);

    @Override
    void close();
}
