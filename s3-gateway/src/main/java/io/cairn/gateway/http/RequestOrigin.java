package io.cairn.gateway.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;

/** The public endpoint rule for the connections of one listener, HTTPS or not. */
record RequestOrigin(PublicEndpoint endpoint, boolean tls) {

    /** The base URL that the answers to {@code head}, received on {@code channel}, name. */
    URI of(Channel channel, HttpRequest head) {
        return endpoint.resolve(head.headers(), tls, inet(channel.remoteAddress()), inet(channel.localAddress()));
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress a ? a : null;
    }
}
