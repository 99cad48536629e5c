package io.cairn.gateway.admin;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How operations run: {@code requestMetrics} counts S3 requests (drive, erasure and JVM metrics are read at
 * scrape time and cost nothing per request); {@code accessLog} on or off; {@code metricsToken} enables {@code /-/metrics} on the
 * S3 port for bearers of it (null: not served there); {@code metricsAddress} starts a separate listener for
 * metrics and health without authentication (null: none); {@code probeTimeout} bounds a drive health probe.
 */
public record OpsOptions(boolean requestMetrics, boolean accessLog, String metricsToken, InetSocketAddress metricsAddress,
                         Duration probeTimeout) {

    public static OpsOptions defaults() {
        return new OpsOptions(true, true, null, null, Duration.ofMillis(800));
    }

    public OpsOptions withAccessLog(boolean on) {
        return new OpsOptions(requestMetrics, on, metricsToken, metricsAddress, probeTimeout);
    }

    public OpsOptions withMetricsToken(String token) {
        return new OpsOptions(requestMetrics, accessLog, token, metricsAddress, probeTimeout);
    }

    public OpsOptions withMetricsAddress(InetSocketAddress address) {
        return new OpsOptions(requestMetrics, accessLog, metricsToken, address, probeTimeout);
    }

    public OpsOptions withRequestMetrics(boolean on) {
        return new OpsOptions(on, accessLog, metricsToken, metricsAddress, probeTimeout);
    }
}
