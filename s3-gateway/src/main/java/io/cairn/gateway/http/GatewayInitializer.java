package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Api;
import io.cairn.gateway.s3.S3Router;
import io.cairn.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The only place the gateway's pipeline is built: TLS when configured, HTTP codec, idle reaper, requests. */
final class GatewayInitializer extends ChannelInitializer<Channel> {

    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 16 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final S3Router router;
    private final S3Api api;
    private final RequestVerifier verifier;
    private final Executor workers;
    private final InFlight inFlight;
    private final ChannelGroup channels;
    private final Duration idleTimeout;
    private final GatewayHooks hooks;
    private final BrowserAccess browser;
    private final ServerTls tls;
    private final PublicEndpoint publicEndpoint;

    GatewayInitializer(S3Router router, S3Api api, RequestVerifier verifier, Executor workers, InFlight inFlight,
                       ChannelGroup channels, Duration idleTimeout, GatewayHooks hooks, BrowserAccess browser,
                       ServerTls tls, PublicEndpoint publicEndpoint) {
        this.tls = tls;
        this.publicEndpoint = publicEndpoint;
        this.hooks = hooks;
        this.browser = browser;
        this.router = router;
        this.api = api;
        this.verifier = verifier;
        this.workers = workers;
        this.inFlight = inFlight;
        this.channels = channels;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setMaxChunkSize(MAX_CHUNK_SIZE);
        if (tls != null) {
            // Each connection takes the newest certificate; a handshake that fails (a plain-HTTP client, a
            // scanner) ends in the request handler's exceptionCaught, which closes the connection.
            ch.pipeline().addLast("tls", tls.newHandler(ch));
        }
        ch.pipeline()
                .addLast("http-codec", new HttpServerCodec(decoder))
                .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .addLast("s3", new S3RequestHandler(router, api, verifier, workers, inFlight, hooks, browser,
                        new RequestOrigin(publicEndpoint, tls != null)));
    }
}
