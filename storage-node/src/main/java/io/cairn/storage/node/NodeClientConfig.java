package io.cairn.storage.node;

import io.cairn.tls.ClientTls;
import java.time.Duration;

/**
 * Timeouts of a {@link NodeConnectionPool}: how long to wait for a connection, how long a request may
 * go without a byte of answer, how long a node stays marked offline after a connection failure, and
 * how many idle keep-alive connections to keep; and, when the nodes speak TLS, the certificate the pool
 * presents and the cluster CA it accepts nodes of ({@code tls}, null for plain connections).
 */
public record NodeClientConfig(Duration connectTimeout, Duration readTimeout, Duration offlineCooldown,
        int maxIdleConnections, ClientTls tls) {

    public NodeClientConfig {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
                || offlineCooldown.isNegative() || maxIdleConnections < 0) {
            throw new IllegalArgumentException("invalid node client config " + connectTimeout + ", " + readTimeout
                    + ", " + offlineCooldown + ", " + maxIdleConnections);
        }
    }

    /** Plain connections. */
    public NodeClientConfig(Duration connectTimeout, Duration readTimeout, Duration offlineCooldown,
            int maxIdleConnections) {
        this(connectTimeout, readTimeout, offlineCooldown, maxIdleConnections, null);
    }

    public static NodeClientConfig defaults() {
        return new NodeClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(2), 16);
    }

    /** The same timeouts over mutually authenticated TLS ({@code tls} null: plain). */
    public NodeClientConfig withTls(ClientTls newTls) {
        return new NodeClientConfig(connectTimeout, readTimeout, offlineCooldown, maxIdleConnections, newTls);
    }
}
