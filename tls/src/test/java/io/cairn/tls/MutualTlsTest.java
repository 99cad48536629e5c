package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that trusts one CA and a client that trusts one CA: each refuses a peer another CA signed. */
class MutualTlsTest {

    static final TestPki CLUSTER = TestPki.authority("Cluster CA");
    static final TestPki OTHER = TestPki.authority("Some other CA");

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    PemFiles node(TestPki ca, String name, Path trusted) {
        return ca.issue(name, TestPki.KeyType.EC).write(dir, name).trusting(trusted);
    }

    /** "hello" when both sides accepted each other; otherwise what went wrong. */
    String greeting(ClientTls client, int port) throws Exception {
        CompletableFuture<String> heard = new CompletableFuture<>();
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(client.newHandler(c, "127.0.0.1", port),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                        heard.complete(msg.toString(StandardCharsets.US_ASCII).strip());
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        heard.complete("failed: " + cause);
                                        ctx.close();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        heard.complete("closed");
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        try {
            return heard.get(10, TimeUnit.SECONDS);
        } finally {
            ch.close().sync();
        }
    }

    @Test
    void nodesOfOneCaAcceptEachOtherAndRefuseAnotherCasCertificates() throws Exception {
        Path clusterCa = CLUSTER.writeCertificate(dir.resolve("cluster-ca.crt"));
        ServerTls server = ServerTls.open("test node", node(CLUSTER, "node1", clusterCa));
        assertThat(server.mutual()).isTrue();
        ClientTls member = ClientTls.open("test", node(CLUSTER, "node2", clusterCa));
        // A certificate of another CA, even by a client that trusts the cluster CA.
        ClientTls stranger = ClientTls.open("test", node(OTHER, "intruder", clusterCa));
        try (GreetingServer listener = new GreetingServer(server)) {
            assertThat(greeting(member, listener.port())).isEqualTo("hello");
            assertThat(greeting(stranger, listener.port())).isNotEqualTo("hello");
        }
    }

    @Test
    void aClientRefusesAServerAnotherCaSigned() throws Exception {
        Path clusterCa = CLUSTER.writeCertificate(dir.resolve("cluster-ca.crt"));
        // The impostor would accept the member (it trusts the cluster CA) but its own certificate is another CA's.
        ServerTls impostor = ServerTls.open("impostor", node(OTHER, "impostor", clusterCa));
        ClientTls member = ClientTls.open("test", node(CLUSTER, "node2", clusterCa));
        try (GreetingServer listener = new GreetingServer(impostor)) {
            assertThat(greeting(member, listener.port())).startsWith("failed:").contains("PKIX");
        }
    }
}
