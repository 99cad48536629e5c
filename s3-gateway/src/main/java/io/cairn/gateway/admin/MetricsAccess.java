package io.cairn.gateway.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may scrape metrics on the S3 port: a client presenting {@code Authorization: Bearer <token>} when a
 * token is configured, nobody otherwise (the S3 port is usually public; metrics reveal load, bucket-level
 * error rates and capacity). The separate metrics listener, meant for a private interface, needs no token.
 */
final class MetricsAccess {

    private final byte[] token;

    /** {@code token} null or empty: metrics are not served on the S3 port. */
    MetricsAccess(String token) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return token != null;
    }

    boolean allows(HttpRequest request) {
        if (token == null) {
            return false;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the token cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(token, presented);
    }
}
