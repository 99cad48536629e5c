package io.cairn.gateway.http;

import java.time.Duration;

/**
 * How the gateway listens. {@code port} 0 picks an ephemeral port. {@code domain} enables virtual-host
 * addressing ({@code bucket.<domain>}); null for path style only.
 */
public record GatewayConfig(String host, int port, String domain, String region, Duration idleTimeout,
                            Duration shutdownGrace, int maxWorkers) {

    public static GatewayConfig of(String host, int port) {
        return new GatewayConfig(host, port, null, "us-east-1", Duration.ofSeconds(60), Duration.ofSeconds(10),
                256);
    }

    public GatewayConfig withDomain(String newDomain) {
        return new GatewayConfig(host, port, newDomain, region, idleTimeout, shutdownGrace, maxWorkers);
    }

    public GatewayConfig withRegion(String newRegion) {
        return new GatewayConfig(host, port, domain, newRegion, idleTimeout, shutdownGrace, maxWorkers);
    }
}
