package io.cairn.gateway.s3;

import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import java.nio.ByteBuffer;

/** A range of an in-memory version, handed out in chunks of at most {@code chunk} bytes. */
final class MemoryContent implements ObjectContent {

    private final ObjectInfo info;
    private final byte[] data;
    private final long offset;
    private final long length;
    private final int chunk;
    private long pos;

    MemoryContent(ObjectInfo info, byte[] data, long offset, long length, int chunk) {
        this.info = info;
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.chunk = chunk;
        this.pos = offset;
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer next() {
        long end = offset + length;
        if (pos >= end) {
            return null;
        }
        int n = (int) Math.min(chunk, end - pos);
        ByteBuffer b = ByteBuffer.wrap(data, (int) pos, n).slice();
        pos += n;
        return b;
    }

    @Override
    public void close() {
    }
}
