package io.cairn.gateway.http;

import io.cairn.tls.ServerTls;
import java.time.Duration;

/**
 * How the gateway listens. {@code port} 0 picks an ephemeral port. {@code domain} enables virtual-host
 * addressing ({@code bucket.<domain>}); null for path style only. {@code tls} makes it HTTPS only (null: plain
 * HTTP). {@code publicEndpoint} says how it names itself in URLs it writes.
 */
public record GatewayConfig(String host, int port, String domain, String region, Duration idleTimeout,
                            Duration shutdownGrace, int maxWorkers, ServerTls tls, PublicEndpoint publicEndpoint) {

    public GatewayConfig {
        if (publicEndpoint == null) {
            publicEndpoint = PublicEndpoint.FROM_REQUEST;
        }
    }

    /** Plain HTTP, URLs named after each request. */
    public GatewayConfig(String host, int port, String domain, String region, Duration idleTimeout,
                         Duration shutdownGrace, int maxWorkers) {
        this(host, port, domain, region, idleTimeout, shutdownGrace, maxWorkers, null, PublicEndpoint.FROM_REQUEST);
    }

    public static GatewayConfig of(String host, int port) {
        return new GatewayConfig(host, port, null, "us-east-1", Duration.ofSeconds(60), Duration.ofSeconds(10),
                256);
    }

    public GatewayConfig withDomain(String newDomain) {
        return new GatewayConfig(host, port, newDomain, region, idleTimeout, shutdownGrace, maxWorkers, tls,
                publicEndpoint);
    }

    public GatewayConfig withRegion(String newRegion) {
        return new GatewayConfig(host, port, domain, newRegion, idleTimeout, shutdownGrace, maxWorkers, tls,
                publicEndpoint);
    }

    /** HTTPS only with {@code newTls}; null for plain HTTP. */
    public GatewayConfig withTls(ServerTls newTls) {
        return new GatewayConfig(host, port, domain, region, idleTimeout, shutdownGrace, maxWorkers, newTls,
                publicEndpoint);
    }

    public GatewayConfig withPublicEndpoint(PublicEndpoint newEndpoint) {
        return new GatewayConfig(host, port, domain, region, idleTimeout, shutdownGrace, maxWorkers, tls,
                newEndpoint);
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
