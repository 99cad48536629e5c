package io.cairn.gateway.metrics;

import com.codahale.metrics.Counter;
import io.cairn.gateway.http.RequestObserver;
import io.cairn.gateway.http.RequestRecord;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logfmt line per S3 request, written off the event loop: {@link #finished} only queues the record;
 * a daemon thread formats it and hands it to the {@value #LOGGER} SLF4J logger. When the queue is full
 * (the log cannot keep up) records are dropped and counted, so logging never slows requests down.
 *
 * <p>Except for acknowledged changes: the line of a request that changes state and succeeded is written by the
 * thread answering it, before the response is sent ({@link #acknowledging}), so a process killed right after
 * answering still leaves the line of every change it acknowledged (with slf4j-simple, a write to stderr that
 * the kernel holds even if the process dies). That is what explains a lost write after a crash.
 *
 * <p>A line holds only the fields of {@link RequestRecord}: never headers, query strings, signatures or
 * secrets.
 */
public final class AccessLog implements RequestObserver, AutoCloseable {

    public static final String LOGGER = "cairn.access";
    static final int QUEUE = 16_384;

    private final BlockingQueue<RequestRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Consumer<String> sink;
    private final Counter dropped;
    private final Thread writer;
    private final java.util.Set<String> writtenEarly = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Logs to the {@value #LOGGER} logger at INFO. */
    public AccessLog(MetricsRegistry metrics) {
        this(metrics, LoggerFactory.getLogger(LOGGER)::info);
    }

    public AccessLog(MetricsRegistry metrics, Consumer<String> sink) {
        this.sink = sink;
        metrics.describe("cairn_access_log_dropped_total", "Access log lines dropped because the log fell behind.");
        this.dropped = metrics.counter("cairn_access_log_dropped_total");
        this.writer = new Thread(this::drain, "cairn-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void started() {
    }

    @Override
    public void finished(RequestRecord record) {
        if (writtenEarly.remove(record.requestId())) {
            return;
        }
        if (!queue.offer(record)) {
            dropped.inc();
        }
    }

    @Override
    public void acknowledging(RequestRecord record) {
        try {
            sink.accept(format(record, new StringBuilder(256)).toString());
            writtenEarly.add(record.requestId());
        } catch (RuntimeException e) {
            // not written now: the line is queued when the request finishes
        }
    }

    private void drain() {
        Logger log = LoggerFactory.getLogger(AccessLog.class);
        StringBuilder line = new StringBuilder(256);
        while (!closed || !queue.isEmpty()) {
            try {
                RequestRecord r = queue.poll(200, TimeUnit.MILLISECONDS);
                if (r != null) {
                    line.setLength(0);
                    sink.accept(format(r, line).toString());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("access log line not written: {}", e.toString());
            }
        }
    }

    /** Waits (up to {@code millis}) until every queued record was written; for tests and shutdown. */
    public void flush(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!queue.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        // The record taken last may still be in the sink call.
        Thread.sleep(20);
    }

    static StringBuilder format(RequestRecord r, StringBuilder b) {
        field(b, "request_id", r.requestId());
        field(b, "remote", r.remoteAddress());
        field(b, "access_key", r.accessKey());
        field(b, "operation", r.operation());
        field(b, "bucket", r.bucket());
        field(b, "key", r.key());
        b.append(" status=").append(r.status());
        field(b, "error", r.errorCode());
        b.append(" bytes_in=").append(r.bytesIn());
        b.append(" bytes_out=").append(r.bytesOut());
        long micros = r.durationNanos() / 1000;
        b.append(" duration_ms=").append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) {
            b.append(frac < 10 ? "00" : "0");
        }
        return b.append(frac);
    }

    /** {@code name=value}, quoted with escapes when the value has spaces, quotes or controls; "-" when null. */
    private static void field(StringBuilder b, String name, String value) {
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(name).append('=');
        if (value == null) {
            b.append('-');
            return;
        }
        boolean quote = value.isEmpty() || value.equals("-");
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f;
        }
        if (!quote) {
            b.append(value);
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < ' ' || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
