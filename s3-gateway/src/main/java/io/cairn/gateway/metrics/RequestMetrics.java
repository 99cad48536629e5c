package io.cairn.gateway.metrics;

import com.codahale.metrics.Counter;
import io.cairn.gateway.http.RequestObserver;
import io.cairn.gateway.http.RequestRecord;
import io.cairn.gateway.s3.S3Operation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-request S3 metrics: requests by operation and status class, errors by S3 error code, latency per
 * operation, body bytes in and out, requests in flight. Series are looked up in arrays indexed by
 * operation, so a request allocates nothing here once its series exist.
 */
public final class RequestMetrics implements RequestObserver {

    static final String REQUESTS = "cairn_s3_requests_total";
    static final String ERRORS = "cairn_s3_errors_total";
    static final String LATENCY = "cairn_s3_request_duration_seconds";
    static final String RECEIVED = "cairn_s3_received_bytes_total";
    static final String SENT = "cairn_s3_sent_bytes_total";
    static final String IN_FLIGHT = "cairn_s3_requests_in_flight";
    /** The operation label of requests that failed before routing (unparsable requests). */
    static final String UNROUTED = "None";

    private static final S3Operation[] OPERATIONS = S3Operation.values();
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MetricsRegistry metrics;
    private final Counter[][] requests = new Counter[OPERATIONS.length + 1][STATUS_CLASSES.length];
    private final LatencyTimer[] latency = new LatencyTimer[OPERATIONS.length + 1];
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter sent;
    private final AtomicLong inFlight = new AtomicLong();

    public RequestMetrics(MetricsRegistry metrics) {
        this.metrics = metrics;
        metrics.describe(REQUESTS, "S3 requests answered, by operation and HTTP status class.")
                .describe(ERRORS, "S3 error responses, by S3 error code.")
                .describe(LATENCY, "Time from request head to the last response byte written, by operation.")
                .describe(RECEIVED, "Request body bytes received (as sent on the wire, aws-chunked framing included).")
                .describe(SENT, "Response body bytes sent.")
                .describe(IN_FLIGHT, "S3 requests being served now.");
        this.received = metrics.counter(RECEIVED);
        this.sent = metrics.counter(SENT);
        metrics.gauge(inFlight::get, IN_FLIGHT);
    }

    @Override
    public void started() {
        inFlight.incrementAndGet();
    }

    @Override
    public void finished(RequestRecord r) {
        inFlight.decrementAndGet();
        int op = indexOf(r.operation());
        int statusClass = Math.min(Math.max(r.status() / 100, 1), 5) - 1;
        Counter c = requests[op][statusClass];
        if (c == null) {
            c = metrics.counter(REQUESTS, "operation", nameOf(op), "status", STATUS_CLASSES[statusClass]);
            requests[op][statusClass] = c;
        }
        c.inc();
        LatencyTimer t = latency[op];
        if (t == null) {
            t = metrics.timer(LATENCY, "operation", nameOf(op));
            latency[op] = t;
        }
        t.update(r.durationNanos(), TimeUnit.NANOSECONDS);
        if (r.errorCode() != null) {
            Counter e = errors.get(r.errorCode());
            if (e == null) {
                e = errors.computeIfAbsent(r.errorCode(), code -> metrics.counter(ERRORS, "code", code));
            }
            e.inc();
        }
        received.inc(r.bytesIn());
        sent.inc(r.bytesOut());
    }

    private static int indexOf(String operation) {
        if (operation == null) {
            return OPERATIONS.length;
        }
        try {
            return S3Operation.valueOf(operation).ordinal();
        } catch (IllegalArgumentException e) {
            return OPERATIONS.length;
        }
    }

    private static String nameOf(int index) {
        return index == OPERATIONS.length ? UNROUTED : OPERATIONS[index].name();
    }
}
