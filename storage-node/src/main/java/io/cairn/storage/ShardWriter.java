package io.cairn.storage;

import java.nio.ByteBuffer;

/**
 * A shard being written. Cells are appended in order; every cell but the last must be exactly the
 * shard's cell size. {@link #commit()} makes the shard durable (fsync) and visible (atomic rename);
 * {@link #abort()} (or {@link #close()} without commit) removes every trace.
 */
public interface ShardWriter extends AutoCloseable {

    /** Appends one cell: the bytes between the buffer's position and limit. The buffer is not modified. */
    void append(ByteBuffer cell);

    /** Bytes appended so far. */
    long length();

    void commit();

    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
