package io.cairn.gateway.admin;

import io.cairn.gateway.s3.S3Response;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The separate metrics listener: {@code /metrics} and {@code /health/...} (with or without the {@code /-}
 * prefix) without authentication, for a private interface that only the monitoring system reaches. Admin
 * views are not served here. Answers on one worker thread so that a slow probe never blocks the event loop.
 */
final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final Set<String> ROUTES =
            Set.of(OpsRoutes.METRICS, OpsRoutes.LIVE, OpsRoutes.READY, OpsRoutes.CLUSTER);

    private final InetSocketAddress address;
    private final OpsRoutes routes;
    private EventLoopGroup group;
    private ExecutorService worker;
    private Channel channel;

    OpsServer(InetSocketAddress address, OpsRoutes routes) {
        this.address = address;
        this.routes = routes;
    }

    synchronized InetSocketAddress start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-metrics-listener");
            t.setDaemon(true);
            return t;
        });
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("http-codec", new HttpServerCodec())
                                .addLast("idle", new IdleStateHandler(0, 0, 60, TimeUnit.SECONDS))
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregator", new HttpObjectAggregator(8192))
                                .addLast("ops", new Handler());
                    }
                })
                .bind(address.getHostString(), address.getPort()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        LOG.info("metrics and health at http://{}:{}/metrics", bound.getHostString(), bound.getPort());
        return bound;
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String uri = request.uri();
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            String route = path.startsWith("/-/") ? path.substring(2) : path;
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            // The aggregated request is released when this method returns; the worker needs only its head.
            var head = new DefaultHttpRequest(request.protocolVersion(),
                    request.method(), request.uri(), request.headers().copy());
            worker.execute(() -> {
                S3Response r;
                try {
                    r = ROUTES.contains(route) ? routes.serve(head, route)
                            : OpsRoutes.text(HttpResponseStatus.NOT_FOUND, "not found\n");
                } catch (Exception e) {
                    LOG.warn("metrics listener: {} failed: {}", route, e.toString());
                    r = OpsRoutes.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
                }
                FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                        Unpooled.wrappedBuffer(r.body()));
                out.headers().set(r.headers());
                HttpUtil.setContentLength(out, r.body().length);
                HttpUtil.setKeepAlive(out, keepAlive);
                ctx.writeAndFlush(out);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            worker.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            channel = null;
        }
    }
}
