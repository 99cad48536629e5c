package io.cairn.storage.node;

import java.time.Duration;

/**
 * Timeouts of a {@link NodeConnectionPool}: how long to wait for a connection, how long a request may
 * go without a byte of answer, how long a node stays marked offline after a connection failure, and
 * how many idle keep-alive connections to keep.
 */
public record NodeClientConfig(Duration connectTimeout, Duration readTimeout, Duration offlineCooldown,
        int maxIdleConnections) {

    public NodeClientConfig {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
                || offlineCooldown.isNegative() || maxIdleConnections < 0) {
            throw new IllegalArgumentException("invalid node client config " + connectTimeout + ", " + readTimeout
                    + ", " + offlineCooldown + ", " + maxIdleConnections);
        }
    }

    public static NodeClientConfig defaults() {
        return new NodeClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(2), 16);
    }
}
