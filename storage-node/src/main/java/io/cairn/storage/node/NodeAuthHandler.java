package io.cairn.storage.node;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a request before its body is read unless its headers are authentic; a refused request's body
 * is dropped and the connection closed. {@code /v1/health} alone is open, for probes that hold no secret.
 */
final class NodeAuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(NodeAuthHandler.class);

    private final NodeAuthenticator authenticator;
    private boolean dropping;

    NodeAuthHandler(NodeAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            dropping = false;
            String uri = request.uri();
            boolean health = uri.equals(NodeProtocol.HEALTH_PATH);
            String refusal = health ? null : authenticator.refusal(request.method().name(), uri, request.headers());
            if (refusal != null) {
                dropping = true;
                String path = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
                log.warn("refused request {} {} {} from {}: {}", request.headers().get(NodeProtocol.NONCE),
                        request.method(), path, ctx.channel().remoteAddress(), refusal);
                ReferenceCountUtil.release(msg);
                refuse(ctx, refusal);
                return;
            }
        }
        if (dropping && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static void refuse(ChannelHandlerContext ctx, String reason) {
        byte[] body = ("request refused: " + reason).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.UNAUTHORIZED, Unpooled.wrappedBuffer(body));
        response.headers().set(NodeProtocol.ERROR, ErrorFamily.UNAUTHORIZED.wireName())
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
