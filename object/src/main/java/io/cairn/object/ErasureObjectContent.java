package io.cairn.object;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A streaming read of a byte range of one object version, across its parts, at most one stripe per
 * {@link #next()}. While the caller sends one stripe, the next is read ahead on another thread (so memory
 * is two stripes). When a shard turned out missing or corrupt, the object is handed to the healer at close.
 */
final class ErasureObjectContent implements ObjectContent {

    private final ObjectInfo info;
    private final List<Manifest.Part> parts;
    private final Function<Manifest.Part, PartReader> openPart;
    private final Consumer<Boolean> onClose;
    private final long offset;
    private final long length;
    private long position;
    private int partIndex = -1;
    private long partStart;
    private PartReader reader;
    private boolean degraded;
    private final ExecutorService readAhead;
    private Future<ByteBuffer> ahead;

    ErasureObjectContent(ObjectInfo info, List<Manifest.Part> parts, long offset, long length,
                         Function<Manifest.Part, PartReader> openPart, Consumer<Boolean> onClose,
                         ExecutorService readAhead) {
        this.readAhead = readAhead;
        this.info = info;
        this.parts = parts;
        this.offset = offset;
        this.length = length;
        this.position = offset;
        this.openPart = openPart;
        this.onClose = onClose;
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
        ByteBuffer out = ahead != null ? await(ahead) : readNext();
        ahead = null;
        if (out != null && position < offset + length) {
            ahead = readAhead.submit(this::readNext);
        }
        return out;
    }

    private static ByteBuffer await(Future<ByteBuffer> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new QuorumException("read failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new QuorumException("interrupted");
        }
    }

    /** Reads the stripe at the current position; only one thread at a time runs it. */
    private ByteBuffer readNext() {
        long end = offset + length;
        if (position >= end) {
            return null;
        }
        moveToPartOf(position);
        Manifest.Part part = parts.get(partIndex);
        long inPart = position - partStart;
        long stripeData = reader.stripeDataSize();
        long stripeEnd = (inPart / stripeData + 1) * stripeData;
        long to = Math.min(Math.min(stripeEnd, part.size()), end - partStart);
        ByteBuffer out = reader.read(inPart, to);
        position = partStart + to;
        return out;
    }

    private void moveToPartOf(long pos) {
        if (reader != null && pos < partStart + parts.get(partIndex).size()) {
            return;
        }
        closeReader();
        long start = partIndex < 0 ? 0 : partStart + parts.get(partIndex).size();
        int i = partIndex + 1;
        while (start + parts.get(i).size() <= pos) {
            start += parts.get(i).size();
            i++;
        }
        partIndex = i;
        partStart = start;
        reader = openPart.apply(parts.get(i));
    }

    private void closeReader() {
        if (reader != null) {
            degraded |= reader.anyBad();
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(false);
            try {
                ahead.get();
            } catch (Exception ignored) {
                // a read-ahead nobody asked for: its failure does not matter
            }
            ahead = null;
        }
        closeReader();
        onClose.accept(degraded);
    }
}
