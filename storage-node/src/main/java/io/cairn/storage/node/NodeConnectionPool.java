package io.cairn.storage.node;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardStoreException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one remote node, shared by the {@link StorageNodeClient}s of its drives: signed
 * requests over pooled keep-alive connections, one request at a time per connection. After a connection
 * failure the node is marked offline for the cool-down, and after an answer that did not come within the
 * read timeout for the longer of the cool-down and the read timeout, so callers fail fast instead of each
 * waiting for the connect or read timeout. With TLS in the config, a node whose certificate the cluster CA did
 * not sign counts as a connection failure.
 */
public final class NodeConnectionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeConnectionPool.class);
    /** Idle connections older than this are dropped, well before the node closes them (120 s). */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private record Idle(Channel channel, long since) {
    }

    private final InetSocketAddress node;
    private final String name;
    private final RequestSigner signer;
    private final NodeClientConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Bootstrap bootstrap;
    private final SecureRandom random = new SecureRandom();
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final LongSupplier ticker;
    private volatile long offlineUntil;
    private volatile boolean closed;

    /** A pool with its own event loop (one thread). */
    public NodeConnectionPool(InetSocketAddress node, byte[] clusterSecret, NodeClientConfig config) {
        this(node, clusterSecret, config, System::nanoTime);
    }

    /** As above, timing the cool-down and idle connections on {@code ticker} (nanoseconds, monotonic). */
    NodeConnectionPool(InetSocketAddress node, byte[] clusterSecret, NodeClientConfig config, LongSupplier ticker) {
        this(node, clusterSecret, config, new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true,
                ticker);
    }

    /** A pool on a shared event loop group, which it does not shut down. */
    public NodeConnectionPool(InetSocketAddress node, byte[] clusterSecret, NodeClientConfig config,
            EventLoopGroup group) {
        this(node, clusterSecret, config, group, false, System::nanoTime);
    }

    private NodeConnectionPool(InetSocketAddress node, byte[] clusterSecret, NodeClientConfig config,
            EventLoopGroup group, boolean ownsGroup, LongSupplier ticker) {
        this.node = node;
        this.name = node.getHostString() + ":" + node.getPort();
        this.signer = new RequestSigner(clusterSecret);
        this.config = config;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.ticker = ticker;
        this.offlineUntil = ticker.getAsLong();
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (config.tls() != null) {
                            channel.pipeline().addLast("tls",
                                    config.tls().newHandler(channel, node.getHostString(), node.getPort()));
                        }
                        channel.pipeline().addLast("codec", new HttpClientCodec());
                        channel.pipeline().addLast("response", new NodeClientHandler());
                    }
                });
    }

    /** {@code host:port} of the node. */
    public String name() {
        return name;
    }

    /** A remote drive of this node as a {@link io.cairn.storage.ShardStore}. */
    public StorageNodeClient drive(String driveId) {
        return new StorageNodeClient(this, driveId);
    }

    /**
     * Sends one signed request and waits for the whole answer. Network failures and timeouts are
     * {@link DriveOfflineException}s; the answer itself is returned whatever its status.
     *
     * @param body sent as is (the caller's buffer is not modified), may be null
     * @param cellCrc the CRC32C of a shard cell in {@code body}, or null
     * @param maxAnswer the largest answer body accepted
     */
    NodeResponse call(String drive, String op, Map<String, String> params, ByteBuffer body, Integer cellCrc,
            long maxAnswer) {
        return send(() -> request(drive, op, params, body, cellCrc), maxAnswer);
    }

    /**
     * Whether the node answers its open health path, over the same connections (and TLS) as every call; a
     * node marked offline, unreachable or refusing this pool's certificate is not healthy. Never throws.
     */
    public boolean healthy() {
        try {
            return send(this::healthRequest, 1024).status() == 200;
        } catch (ShardStoreException e) {
            return false;
        }
    }

    /** {@code request} makes the request anew for each attempt: a write consumes it, sent or not. */
    private NodeResponse send(Supplier<FullHttpRequest> request, long maxAnswer) {
        Channel pooled = acquireIdle();
        if (pooled != null) {
            try {
                return exchange(pooled, request.get(), maxAnswer);
            } catch (NodeClientHandler.ClosedBeforeSending e) {
                // the node closed the idle connection; nothing was sent, so a fresh one may carry it
            }
        }
        return exchange(connect(), request.get(), maxAnswer);
    }

    private NodeResponse exchange(Channel channel, FullHttpRequest request, long maxAnswer) {
        boolean reusable = false;
        try {
            NodeClientHandler handler = channel.pipeline().get(NodeClientHandler.class);
            if (handler == null) {
                // Netty empties the pipeline of a closed channel. A TLS 1.3 node that refuses this pool's
                // certificate closes the connection just after the client considers the handshake done.
                request.release();
                throw new NodeClientHandler.ClosedBeforeSending("connection to node " + name
                        + " closed before the request was sent");
            }
            CompletableFuture<NodeResponse> answer = handler.expect(maxAnswer, config.readTimeout().toNanos());
            channel.writeAndFlush(request).addListener(written -> {
                if (written.isSuccess()) {
                    handler.touch();
                } else {
                    channel.close();
                }
            });
            NodeResponse response = await(answer);
            reusable = response.keepAlive();
            return response;
        } catch (NodeClientHandler.AnswerTimeout e) {
            // A hung node accepts connections but never answers: without this every call would wait the full
            // read timeout. Fail fast for a while instead, as after a refused connection.
            long window = Math.max(config.offlineCooldown().toNanos(), config.readTimeout().toNanos());
            offlineUntil = ticker.getAsLong() + window;
            log.warn("node {} did not answer within {} ms, marking it offline for {} ms", name,
                    config.readTimeout().toMillis(), TimeUnit.NANOSECONDS.toMillis(window));
            throw e;
        } finally {
            release(channel, reusable);
        }
    }

    private FullHttpRequest request(String drive, String op, Map<String, String> params, ByteBuffer body,
            Integer cellCrc) {
        String path = NodeProtocol.path(drive, op);
        String query = NodeProtocol.query(params);
        ByteBuffer content = body == null ? ByteBuffer.allocate(0) : body.duplicate();
        String date = Long.toString(System.currentTimeMillis());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String bodySha = RequestSigner.sha256Hex(content);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                query.isEmpty() ? path : path + "?" + query, Unpooled.wrappedBuffer(content));
        request.headers().set(HttpHeaderNames.HOST, name)
                .set(HttpHeaderNames.CONTENT_LENGTH, content.remaining())
                .set(NodeProtocol.DATE, date)
                .set(NodeProtocol.NONCE, nonce)
                .set(NodeProtocol.CONTENT_SHA256, bodySha)
                .set(NodeProtocol.AUTHORIZATION, signer.authorization(
                        RequestSigner.stringToSign("POST", path, query, date, nonce, bodySha)));
        if (cellCrc != null) {
            request.headers().set(NodeProtocol.CELL_CRC32C, HexFormat.of().toHexDigits(cellCrc));
        }
        return request;
    }

    private FullHttpRequest healthRequest() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                NodeProtocol.HEALTH_PATH, Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, name).set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    private NodeResponse await(CompletableFuture<NodeResponse> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveOfflineException("interrupted while waiting for node " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShardStoreException failure) {
                throw failure;
            }
            throw new DriveOfflineException("request to node " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** A pooled keep-alive connection, or null when a new one is needed. */
    private Channel acquireIdle() {
        if (closed) {
            throw new DriveOfflineException("connection pool of node " + name + " is closed");
        }
        long now = ticker.getAsLong();
        if (now - offlineUntil < 0) {
            throw new DriveOfflineException("node " + name
                    + " is marked offline after a connection failure or timeout");
        }
        synchronized (idle) {
            for (Idle entry; (entry = idle.pollLast()) != null; ) {
                if (entry.channel().isActive() && now - entry.since() < MAX_IDLE_NANOS) {
                    return entry.channel();
                }
                entry.channel().close();
            }
        }
        return null;
    }

    private Channel connect() {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        ChannelFuture connected = bootstrap.connect(node);
        boolean done = connected.awaitUninterruptibly(config.connectTimeout().toMillis() + 100);
        if (!done || !connected.isSuccess()) {
            throw offline(connected.channel(), connected.cause(), "connect timeout");
        }
        SslHandler tls = connected.channel().pipeline().get(SslHandler.class);
        if (tls != null) {
            // Wait for the handshake here, so that a node whose certificate the cluster CA did not sign counts
            // as unreachable, like a refused connection, instead of failing each request on its own.
            Future<Channel> handshake = tls.handshakeFuture();
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 100);
            if (!handshake.awaitUninterruptibly(left) || !handshake.isSuccess()) {
                throw offline(connected.channel(), handshake.cause(), "TLS handshake timeout");
            }
        }
        return connected.channel();
    }

    private DriveOfflineException offline(Channel channel, Throwable cause, String timeout) {
        channel.close();
        offlineUntil = ticker.getAsLong() + config.offlineCooldown().toNanos();
        String why = cause == null ? timeout : cause.toString();
        log.warn("cannot connect to node {}, marking it offline for {} ms: {}", name,
                config.offlineCooldown().toMillis(), why);
        return new DriveOfflineException("cannot connect to node " + name + ": " + why, cause);
    }

    /**
     * Returns a connection after a complete answer, or closes it. A closed connection is awaited so that
     * no write still reads the caller's buffer when the call returns.
     */
    private void release(Channel channel, boolean reusable) {
        if (reusable && channel.isActive() && !closed) {
            synchronized (idle) {
                if (idle.size() < config.maxIdleConnections()) {
                    idle.addLast(new Idle(channel, ticker.getAsLong()));
                    return;
                }
            }
        }
        channel.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(entry -> entry.channel().close());
            idle.clear();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "NodeConnectionPool[" + name + "]";
    }
}
