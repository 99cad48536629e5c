package io.cairn.storage.node;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardStoreException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects the answer to the one request in flight on a connection into a byte array of exactly its
 * {@code Content-Length} (refused when larger than the caller allows), and fails the request when the
 * connection drops or no byte arrives for the read timeout. All state is touched on the event loop.
 */
final class NodeClientHandler extends ChannelInboundHandlerAdapter {

    /** An error answer carries a message, whatever the size of the expected answer. */
    private static final long MAX_ERROR_BODY = 64 * 1024;

    private ChannelHandlerContext ctx;
    private CompletableFuture<NodeResponse> pending;
    private long maxBody;
    private long timeoutNanos;
    private long lastActivity;
    private ScheduledFuture<?> timer;
    private int status;
    private String error;
    private boolean keepAlive;
    private byte[] body;
    private int filled;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The connection was found closed before the request was sent: safe to send again elsewhere. */
    static final class ClosedBeforeSending extends DriveOfflineException {
        private static final long serialVersionUID = 1L;

        ClosedBeforeSending(String message) {
            super(message);
        }
    }

    /** The node accepted the request but sent nothing for the read timeout: it is hung or overloaded. */
    static final class AnswerTimeout extends DriveOfflineException {
        private static final long serialVersionUID = 1L;

        AnswerTimeout(String message) {
            super(message);
        }
    }

    /** Arms the handler for the next response; call before writing the request. */
    CompletableFuture<NodeResponse> expect(long maxBody, long timeoutNanos) {
        CompletableFuture<NodeResponse> future = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) {
                future.completeExceptionally(new ClosedBeforeSending("connection to " + remote() + " is closed"));
                return;
            }
            this.pending = future;
            this.maxBody = maxBody;
            this.timeoutNanos = timeoutNanos;
            this.body = null;
            this.filled = 0;
            touch();
            timer = ctx.executor().schedule(this::checkTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
        });
        return future;
    }

    /** Counts as progress: the request finished sending, or a response byte arrived. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    private void checkTimeout() {
        if (pending == null) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos) {
            fail(new AnswerTimeout("node " + remote() + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            ctx.close();
        } else {
            timer = ctx.executor().schedule(this::checkTimeout, timeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (pending == null) {
                ctx.close(); // nothing was asked: a confused or hostile peer
                return;
            }
            touch();
            if (msg instanceof HttpResponse response) {
                start(response);
            }
            if (msg instanceof HttpContent content && body != null) {
                int n = content.content().readableBytes();
                if (n > body.length - filled) {
                    fail(new ShardStoreException("node " + remote() + " sent more than its Content-Length"));
                    ctx.close();
                    return;
                }
                content.content().readBytes(body, filled, n);
                filled += n;
            }
            if (msg instanceof LastHttpContent && pending != null) {
                complete();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(HttpResponse response) {
        status = response.status().code();
        error = response.headers().get(NodeProtocol.ERROR);
        keepAlive = HttpUtil.isKeepAlive(response);
        long length = HttpUtil.getContentLength(response, -1L);
        long limit = status == 200 ? maxBody : Math.max(maxBody, MAX_ERROR_BODY);
        if (length < 0 || length > limit) {
            fail(new ShardStoreException("node " + remote() + " answered HTTP " + status + " with " + length
                    + " bytes of body, at most " + limit + " expected"));
            ctx.close();
            return;
        }
        body = new byte[(int) length];
    }

    private void complete() {
        if (filled != body.length) {
            fail(new ShardStoreException("node " + remote() + " sent " + filled + " of " + body.length + " bytes"));
            ctx.close();
            return;
        }
        CompletableFuture<NodeResponse> done = pending;
        NodeResponse response = new NodeResponse(status, error, body, filled, keepAlive);
        clear();
        done.complete(response);
    }

    private void fail(ShardStoreException cause) {
        CompletableFuture<NodeResponse> done = pending;
        clear();
        if (done != null) {
            done.completeExceptionally(cause);
        }
    }

    private void clear() {
        pending = null;
        body = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new DriveOfflineException("connection to node " + remote() + " closed before the answer was complete"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(new DriveOfflineException("connection to node " + remote() + " failed: " + cause, cause));
        ctx.close();
    }

    private String remote() {
        return String.valueOf(ctx.channel().remoteAddress());
    }
}
