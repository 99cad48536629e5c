package io.cairn.object;

import java.nio.ByteBuffer;

/** A range of a small object whose bytes are in its manifest. */
final class InlineContent implements ObjectContent {

    private final ObjectInfo info;
    private final byte[] data;
    private final long offset;
    private final long length;
    private boolean sent;

    InlineContent(ObjectInfo info, byte[] data, long offset, long length) {
        this.info = info;
        this.data = data;
        this.offset = offset;
        this.length = length;
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
        if (sent || length == 0) {
            return null;
        }
        sent = true;
        return ByteBuffer.wrap(data, (int) offset, (int) length).slice();
    }

    @Override
    public void close() {
    }
}
