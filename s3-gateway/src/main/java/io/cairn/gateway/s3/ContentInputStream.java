package io.cairn.gateway.s3;

import io.cairn.object.ObjectContent;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** An object's content as a stream, for copies: one chunk (at most a stripe) in memory at a time. */
final class ContentInputStream extends InputStream {

    private final ObjectContent content;
    private ByteBuffer current;
    private boolean done;

    ContentInputStream(ObjectContent content) {
        this.content = content;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (!done && (current == null || !current.hasRemaining())) {
            current = content.next();
            done = current == null;
        }
        if (done) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        content.close();
    }
}
