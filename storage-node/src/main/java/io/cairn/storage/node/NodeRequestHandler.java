package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one authenticated request at a time per connection (reading pauses until it is answered, which
 * also bounds memory per connection to one body), checks the body against its declared CRC32C and
 * SHA-256, and runs the drive call on the blocking executor, never on the event loop.
 */
final class NodeRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(NodeRequestHandler.class);

    private final NodeDispatcher dispatcher;
    private final Executor blocking;

    NodeRequestHandler(NodeDispatcher dispatcher, Executor blocking) {
        this.dispatcher = dispatcher;
        this.blocking = blocking;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ctx.channel().config().setAutoRead(false);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (uri.path().equals(NodeProtocol.HEALTH_PATH)) {
            respond(ctx, NodeReply.ok("ok\n".getBytes(UTF_8)), keepAlive);
            return;
        }
        NodeDispatcher.Call call;
        try {
            call = parse(uri, request);
        } catch (RuntimeException e) {
            respond(ctx, NodeReply.failure(e), keepAlive);
            return;
        }
        request.retain();
        try {
            blocking.execute(() -> respond(ctx, run(call, ctx), keepAlive));
        } catch (RejectedExecutionException e) {
            request.release();
            respond(ctx, NodeReply.failure(new DriveOfflineException("node is shutting down")), false);
        }
    }

    private NodeReply run(NodeDispatcher.Call call, ChannelHandlerContext ctx) {
        try {
            return dispatcher.handle(call);
        } catch (RuntimeException | Error e) {
            ErrorFamily family = ErrorFamily.of(e);
            if (family == ErrorFamily.OTHER) {
                log.warn("request {}: {} on drive {} for {} failed", call.requestId(), call.op(), call.drive(),
                        ctx.channel().remoteAddress(), e);
            } else {
                log.debug("request {}: {} on drive {} failed: {}", call.requestId(), call.op(), call.drive(), e.toString());
            }
            return NodeReply.failure(e);
        } finally {
            call.body().release();
        }
    }

    private static NodeDispatcher.Call parse(QueryStringDecoder uri, FullHttpRequest request) {
        String[] parts = uri.path().split("/", -1);
        if (parts.length != 4 || !parts[0].isEmpty() || !parts[1].equals("v1")) {
            throw new IllegalArgumentException("unknown node path " + uri.path());
        }
        ByteBuf body = request.content();
        String crc = request.headers().get(NodeProtocol.CELL_CRC32C);
        if (crc != null && !HexFormat.of().toHexDigits(CellFrames.crc(body.nioBuffers())).equalsIgnoreCase(crc)) {
            throw new CorruptShardException("cell for drive " + parts[2] + " fails its CRC32C on receipt (damaged in transit)");
        }
        String declared = request.headers().get(NodeProtocol.CONTENT_SHA256);
        if (declared != null && !RequestSigner.sha256Hex(body.nioBuffers()).equals(declared)) {
            log.warn("refused request {} {} {}: body does not match its signed SHA-256",
                    request.headers().get(NodeProtocol.NONCE), request.method(), uri.path());
            throw new NodeAuthenticationException("body does not match its signed SHA-256");
        }
        return new NodeDispatcher.Call(request.headers().get(NodeProtocol.NONCE), parts[2], parts[3],
                uri.parameters(), body);
    }

    private static void respond(ChannelHandlerContext ctx, NodeReply reply, boolean keepAlive) {
        if (ctx.executor().isShuttingDown()) {
            reply.body().release();
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), reply.body());
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().readableBytes())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        if (reply.error() != null) {
            response.headers().set(NodeProtocol.ERROR, reply.error().wireName());
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener(written -> {
            if (!keepAlive || !written.isSuccess()) {
                ctx.close();
            } else {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("node connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
