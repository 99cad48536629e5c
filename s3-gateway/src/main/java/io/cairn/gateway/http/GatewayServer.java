package io.cairn.gateway.http;

import io.cairn.gateway.cors.CorsOperations;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.gateway.lifecycle.LifecycleOperations;
import io.cairn.gateway.notify.NotificationOperations;
import io.cairn.gateway.notify.Notifications;
import io.cairn.gateway.s3.EncryptedUploads;
import io.cairn.gateway.s3.S3Api;
import io.cairn.gateway.s3.S3Router;
import io.cairn.object.ObjectService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 HTTP server: binds, serves, and on {@link #close()} stops accepting, lets requests in flight
 * finish within the grace period, then closes every connection. Uses epoll where available.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final S3Api api;
    private final RequestVerifier verifier;
    private final GatewayHooks hooks;
    private volatile BrowserAccess browser = BrowserAccess.NONE;
    private final InFlight inFlight = new InFlight();
    private final ChannelGroup channels = new DefaultChannelGroup("cairn-gateway", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ThreadPoolExecutor workers;
    private Channel serverChannel;
    private boolean closed;

    public GatewayServer(GatewayConfig config, ObjectService objects, RequestVerifier verifier) {
        this(config, objects, verifier, GatewayHooks.none());
    }

    /** With operations plugged in: a request observer (metrics, access log) and the reserved routes. */
    public GatewayServer(GatewayConfig config, ObjectService objects, RequestVerifier verifier, GatewayHooks hooks) {
        this(config, objects, verifier, hooks, MasterKey.ephemeral());
    }

    /**
     * {@code masterKey} protects the keys of encrypted objects: every gateway of a store needs the same one,
     * across restarts (the other constructors use a random key, for tests).
     */
    public GatewayServer(GatewayConfig config, ObjectService objects, RequestVerifier verifier, GatewayHooks hooks,
                         MasterKey masterKey) {
        this(config, objects, verifier, hooks, new ServerSideEncryption(masterKey));
    }

    /** With the server's encryption: its master key and, for SSE-KMS, its key ring. */
    public GatewayServer(GatewayConfig config, ObjectService objects, RequestVerifier verifier, GatewayHooks hooks,
                         ServerSideEncryption sse) {
        this(config, objects, verifier, hooks, sse, null);
    }

    /**
     * With bucket notifications ({@code notifications}'s configuration operations; null: a server without
     * targets, where configurations can be read and emptied only).
     */
    public GatewayServer(GatewayConfig config, ObjectService objects, RequestVerifier verifier, GatewayHooks hooks,
                         ServerSideEncryption sse, Notifications notifications) {
        this.hooks = hooks;
        this.config = config;
        // The server is where the API is assembled: families outside the s3 package are named here, never there.
        this.api = new S3Api(objects, config.region(), sse, List.of(new CorsOperations(objects),
                new LifecycleOperations(objects),
                notifications != null ? notifications.operations()
                        : NotificationOperations.withoutTargets(objects, config.region())));
        this.verifier = verifier;
    }

    /** Server-side encryption with this server's master key, for form uploads (browser endpoints). */
    public EncryptedUploads encryptedUploads() {
        return api.encryptedUploads();
    }

    /** Binds and starts serving; returns the bound address (the actual port when 0 was asked). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        workerGroup = new MultiThreadIoEventLoopGroup(io);
        workers = new ThreadPoolExecutor(0, config.maxWorkers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                namedThreads());
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A client that sends its requests and then shuts its sending side still gets every answer.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new GatewayInitializer(new S3Router(config.domain()), api, verifier, workers,
                        inFlight, channels, config.idleTimeout(), hooks, browser, config.tls(),
                        config.publicEndpoint()));
        serverChannel = b.bind(config.host(), config.port()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.debug("gateway bound to {} ({}, {})", bound, epoll ? "epoll" : "nio", config.scheme());
        return bound;
    }

    /** Serves browser endpoints and CORS from the next {@link #start()} on. */
    public void browserAccess(BrowserAccess access) {
        this.browser = access;
    }

    /** Number of requests being served right now. */
    public int requestsInFlight() {
        return inFlight.active();
    }

    @Override
    public synchronized void close() {
        if (closed || serverChannel == null) {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        try {
            if (!inFlight.awaitIdle(config.shutdownGrace())) {
                LOG.warn("shutdown: {} requests still in flight after {}; closing their connections",
                        inFlight.active(), config.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.close().awaitUninterruptibly();
        workers.shutdownNow();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cairn-s3-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
