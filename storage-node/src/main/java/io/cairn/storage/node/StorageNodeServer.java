package io.cairn.storage.node;

import io.cairn.storage.ShardStore;
import io.cairn.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node: serves its drives, by drive id, to gateways and peers over the node protocol
 * (docs/FORMAT.md, "Node protocol"). Every request but {@code /v1/health} must be signed with the
 * cluster secret; with TLS, a connection must first present a certificate the cluster CA signed. Drive calls block, so they run on a pool of I/O threads, never on the event loop.
 */
public final class StorageNodeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageNodeServer.class);
    private static final int IO_THREADS = 32;
    private static final Duration WRITE_IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blocking;
    private final ScheduledExecutorService reaper;
    private final WriteSessions writes;
    private final Channel server;
    private final Map<String, ShardStore> drives;

    private StorageNodeServer(InetSocketAddress address, Map<String, ShardStore> drives, byte[] clusterSecret,
            ServerTls tls, Clock clock, LongSupplier ticker, Duration writeIdleTimeout) throws InterruptedException {
        drives.keySet().forEach(NodeProtocol::checkDriveId);
        this.drives = new TreeMap<>(drives);
        this.writes = new WriteSessions(writeIdleTimeout.toNanos(), ticker);
        NodeAuthenticator authenticator = new NodeAuthenticator(clusterSecret, clock);
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        this.blocking = Executors.newFixedThreadPool(IO_THREADS, daemon("cairn-node-io-"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemon("cairn-node-reaper-"));
        long every = Math.max(1, writeIdleTimeout.toMillis() / 4);
        reaper.scheduleWithFixedDelay(writes::abortIdle, every, every, TimeUnit.MILLISECONDS);
        try {
            this.server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new StorageNodeInitializer(tls, authenticator,
                            new NodeDispatcher(this.drives, writes), blocking))
                    .bind(address).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
        log.info("storage node listening on {} with drives {}{}", server.localAddress(), this.drives.keySet(),
                tls == null ? "" : ", TLS with client certificates of the cluster CA only");
    }

    /**
     * Starts a node on {@code address} (port 0 picks a free port) serving {@code drives} by drive id
     * (1-128 of {@code [A-Za-z0-9._-]}). The node does not close the drives.
     */
    public static StorageNodeServer start(InetSocketAddress address, Map<String, ShardStore> drives,
            byte[] clusterSecret) {
        return start(address, drives, clusterSecret, null);
    }

    /**
     * Like {@link #start(InetSocketAddress, Map, byte[])}, over TLS when {@code tls} is not null. A node's TLS
     * should be mutual ({@link ServerTls#mutual()}): only holders of a certificate the cluster CA signed get
     * to send a request at all, and every request is still signed with the cluster secret.
     */
    public static StorageNodeServer start(InetSocketAddress address, Map<String, ShardStore> drives,
            byte[] clusterSecret, ServerTls tls) {
        return start(address, drives, clusterSecret, tls, Clock.systemUTC(), System::nanoTime, WRITE_IDLE_TIMEOUT);
    }

    /**
     * As above with the node's time sources: {@code clock} for request dates, {@code ticker} (monotonic
     * nanoseconds) for how long a shard write has been idle.
     */
    static StorageNodeServer start(InetSocketAddress address, Map<String, ShardStore> drives, byte[] clusterSecret,
            Clock clock, LongSupplier ticker, Duration writeIdleTimeout) {
        return start(address, drives, clusterSecret, null, clock, ticker, writeIdleTimeout);
    }

    static StorageNodeServer start(InetSocketAddress address, Map<String, ShardStore> drives, byte[] clusterSecret,
            ServerTls tls, Clock clock, LongSupplier ticker, Duration writeIdleTimeout) {
        try {
            return new StorageNodeServer(address, drives, clusterSecret, tls, clock, ticker, writeIdleTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + address, e);
        }
    }

    /** The bound address, with the real port when started on port 0. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Shard writes opened by clients and not yet committed or aborted. */
    int openWrites() {
        return writes.size();
    }

    /** Stops accepting, closes every connection and aborts every unfinished shard write. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        shutdown();
        log.info("storage node on {} stopped", server.localAddress());
    }

    /** Drive calls still running answer first, so the event loops go down last. */
    private void shutdown() {
        reaper.shutdownNow();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(10, TimeUnit.SECONDS)) {
                blocking.shutdownNow();
            }
        } catch (InterruptedException e) {
            blocking.shutdownNow();
            Thread.currentThread().interrupt();
        }
        writes.abortAll();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
