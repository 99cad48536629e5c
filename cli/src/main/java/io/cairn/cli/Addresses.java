package io.cairn.cli;

import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT}, {@code [v6]:PORT} or {@code :PORT} (all interfaces). */
final class Addresses {

    private Addresses() {
    }

    static InetSocketAddress parse(String text) {
        return parse(text, "--address");
    }

    /** As {@link #parse(String)}; errors name {@code option}. */
    static InetSocketAddress parse(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(option + " must be HOST:PORT: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be HOST:PORT: " + text);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": port out of range: " + port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
