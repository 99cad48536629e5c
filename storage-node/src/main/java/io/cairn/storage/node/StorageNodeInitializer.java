package io.cairn.storage.node;

import io.cairn.tls.ServerTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place the node's pipeline is built: TLS when configured, HTTP codec, idle-connection reaper,
 * authentication of the headers (before any body byte is buffered), aggregation of the one-cell body, dispatch.
 */
final class StorageNodeInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(StorageNodeInitializer.class);
    private static final int IDLE_SECONDS = 120;

    private final ServerTls tls;
    private final NodeAuthenticator authenticator;
    private final NodeDispatcher dispatcher;
    private final Executor blocking;

    StorageNodeInitializer(ServerTls tls, NodeAuthenticator authenticator, NodeDispatcher dispatcher,
            Executor blocking) {
        this.tls = tls;
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
        this.blocking = blocking;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            SslHandler handler = tls.newHandler(channel);
            // A refused peer is worth a warning: a node with a certificate of the wrong CA, or a stranger.
            handler.handshakeFuture().addListener(done -> {
                if (!done.isSuccess()) {
                    // Netty's message for a plain-text peer dumps the bytes it sent, which may be a signed request.
                    String why = done.cause() instanceof NotSslRecordException ? "it does not speak TLS"
                            : done.cause().toString();
                    log.warn("refused TLS connection from {}: {}", channel.remoteAddress(), why);
                }
            });
            pipeline.addLast("tls", handler);
        }
        pipeline.addLast("codec", new HttpServerCodec(NodeProtocol.MAX_INITIAL_LINE, 8192, 8192));
        pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        pipeline.addLast("idleClose", new IdleClose());
        pipeline.addLast("auth", new NodeAuthHandler(authenticator));
        pipeline.addLast("aggregator", new HttpObjectAggregator(NodeProtocol.MAX_BODY));
        pipeline.addLast("dispatch", new NodeRequestHandler(dispatcher, blocking));
    }

    /** Closes keep-alive connections nobody used for a while. */
    private static final class IdleClose extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }
}
