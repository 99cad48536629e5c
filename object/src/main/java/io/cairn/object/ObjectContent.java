package io.cairn.object;

import java.nio.ByteBuffer;

/**
 * An open read of an object's range: {@link #next()} returns the bytes in order, at most one stripe at a
 * time, then null. Memory held is bounded by a stripe. Close it when done, also on failure.
 */
public interface ObjectContent extends AutoCloseable {

    ObjectInfo info();

    /** First byte of the range within the object. */
    long offset();

    /** Bytes in the range. */
    long length();

    /** The next chunk (a buffer the caller owns), or null after the last. */
    ByteBuffer next();

    @Override
    void close();
}
