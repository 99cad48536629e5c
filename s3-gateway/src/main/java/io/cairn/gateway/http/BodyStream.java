package io.cairn.gateway.http;

import io.cairn.gateway.s3.IncompleteBodyException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body as a blocking stream: the event loop offers buffers, a worker thread reads them. Above
 * the high-water mark the channel stops reading (auto-read off), below the low-water mark it resumes, so
 * a slow object layer slows the client down instead of filling memory.
 */
final class BodyStream extends InputStream {

    static final int HIGH_WATER = 2 * 1024 * 1024;
    static final int LOW_WATER = 512 * 1024;

    private final Channel channel;
    private final Runnable resume;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long buffered;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private IOException failure;

    /** {@code resume} runs on the event loop when reading should continue. */
    BodyStream(Channel channel, Runnable resume) {
        this.channel = channel;
        this.resume = resume;
    }

    /** Event loop: takes ownership of {@code buf}. */
    void offer(ByteBuf buf) {
        lock.lock();
        try {
            if (closed || failure != null || !buf.isReadable()) {
                buf.release();
                return;
            }
            queue.add(buf);
            buffered += buf.readableBytes();
            if (buffered > HIGH_WATER && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the last byte of the body has been offered. */
    void end() {
        lock.lock();
        try {
            ended = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The body will not complete (connection lost or idle); readers see {@code e} after the buffered bytes. */
    void fail(IOException e) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = e;
            }
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether every body byte has arrived from the client. */
    boolean received() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (queue.isEmpty() && !ended && failure == null && !closed) {
                awaitData();
            }
            if (closed) {
                throw new IOException("body stream closed");
            }
            if (queue.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            ByteBuf head = queue.peek();
            int n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            buffered -= n;
            if (!head.isReadable()) {
                queue.poll().release();
            }
            if (paused && buffered < LOW_WATER) {
                paused = false;
                channel.eventLoop().execute(resume);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void awaitData() throws IOException {
        try {
            ready.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncompleteBodyException("interrupted while waiting for the request body");
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** Releases buffered bytes; later offers are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            ByteBuf b;
            while ((b = queue.poll()) != null) {
                b.release();
            }
            buffered = 0;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
