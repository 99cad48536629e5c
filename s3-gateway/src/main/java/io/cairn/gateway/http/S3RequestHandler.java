package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Api;
import io.cairn.gateway.s3.S3Call;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Operation;
import io.cairn.gateway.s3.S3Request;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.s3.S3Router;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Per connection: parses nothing itself (the codec did), but runs each request's life: route,
 * authenticate, answer 100-continue, hand the body to a worker thread, and serialise requests that arrive
 * pipelined while one is in flight. Event loop only, except where a worker is named.
 */
final class S3RequestHandler extends ChannelInboundHandlerAdapter {
    /** How long a connection closing with an unread request body keeps discarding what the client sends. */
    private static final long LINGER_SECONDS = 5;

    private final S3Router router;
    private final S3Api api;
    private final RequestVerifier verifier;
    private final Executor workers;
    private final InFlight inFlight;
    private final GatewayHooks hooks;
    private final BrowserAccess browser;
    private final RequestOrigin origin;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private Exchange current;
    private ChannelHandlerContext ctx;
    private boolean lingering;
    /** The client shut its sending side: answer what it sent, then close. */
    private boolean inputShut;

    S3RequestHandler(S3Router router, S3Api api, RequestVerifier verifier, Executor workers, InFlight inFlight,
                     GatewayHooks hooks, BrowserAccess browser, RequestOrigin origin) {
        this.origin = origin;
        this.hooks = hooks;
        this.browser = browser;
        this.router = router;
        this.api = api;
        this.verifier = verifier;
        this.workers = workers;
        this.inFlight = inFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && current.requestComplete() && current.expectsBody() && !current.answered()) {
            // Bytes after a body its Content-Length says is complete: more body than declared, or a request
            // slipped in behind it. Neither runs: the answer closes the connection (clients do not pipeline
            // behind uploads, and one that did retries on a new connection).
            ReferenceCountUtil.release(msg);
            current.closeAfterResponse();
            lingering = true;
            return;
        }
        if (current != null && current.requestComplete()) {
            // A pipelined request: hold it until the current response is written.
            pending.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        dispatch(ctx, msg);
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            start(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            if (current != null) {
                current.onContent(content);
            } else {
                content.release();
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        // The codec lets an empty or non-numeric Content-Length through; nobody can tell where such a body
        // ends, so the request is refused and the connection closed.
        boolean badLength = !validContentLength(request);
        if (badLength) {
            request.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        Exchange exchange = new Exchange(ctx.channel(), request, RequestIds.next(), this::finished,
                this::acknowledging);
        current = exchange;
        inFlight.begin();
        String resource = resourceOf(request);
        boolean head = exchange.isHead();
        BrowserAccess.Endpoint endpoint = request.decoderResult().isSuccess() ? browser.claim(request) : null;
        if (endpoint != null) {
            startBrowser(ctx, exchange, request, endpoint, resource);
            return;
        }
        if (request.decoderResult().isSuccess() && hooks.routes().matches(request, resource)) {
            startReserved(exchange, request, resource);
            return;
        }
        exchange.observed = true;
        hooks.observer().started();
        if (!request.decoderResult().isSuccess()) {
            exchange.closeAfterResponse();
            rejectEarly(ctx, exchange, api.error(decodeFailure(request.decoderResult().cause()), resource,
                    exchange.requestId(), head));
            return;
        }
        Utf8Headers.decode(request.headers());
        if (badLength) {
            exchange.closeAfterResponse();
            rejectEarly(ctx, exchange, api.error(new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The Content-Length header is not a number."), resource, exchange.requestId(), head));
            return;
        }
        if (!supported(request.protocolVersion())) {
            exchange.closeAfterResponse();
            rejectEarly(ctx, exchange, api.error(new S3Exception(S3ErrorCode.HTTP_VERSION_NOT_SUPPORTED,
                    "The HTTP version specified is not supported: " + request.protocolVersion().text()
                            + "; use HTTP/1.1"), resource, exchange.requestId(), head));
            return;
        }
        S3Request s3;
        RequestVerifier.Verified verified;
        try {
            s3 = router.route(request, exchange.requestId());
            exchange.describe(s3.operation().name(), s3.bucket(), s3.key(), null);
            verified = verifier.verify(request);
            exchange.describe(s3.operation().name(), s3.bucket(), s3.key(), verified.accessKey());
        } catch (Exception e) {
            rejectEarly(ctx, exchange, api.error(e, resource, exchange.requestId(), head));
            return;
        }
        openBody(ctx, exchange, request);
        String sourceIp = sourceIp(ctx);
        try {
            workers.execute(() -> run(exchange, s3, verified, sourceIp));
        } catch (RejectedExecutionException e) {
            exchange.respond(api.error(e, resource, exchange.requestId(), head));
        }
    }

    private void openBody(ChannelHandlerContext ctx, Exchange exchange, HttpRequest request) {
        if (exchange.expectsBody()) {
            if (HttpUtil.is100ContinueExpected(request)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            exchange.openBody(new BodyStream(ctx.channel(), () -> resumeIfReading(ctx, exchange)));
        }
    }

    /** A browser endpoint (preflight, form upload, URN): authenticated first when it says so. */
    private void startBrowser(ChannelHandlerContext ctx, Exchange exchange, HttpRequest request,
                              BrowserAccess.Endpoint endpoint, String resource) {
        RequestVerifier.Verified verified = null;
        if (endpoint.signed()) {
            try {
                verified = verifier.verify(request);
                if (verified.accessKey() == null) {
                    // The signed browser endpoints (URN reservations) have no anonymous use.
                    throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
                }
            } catch (Exception e) {
                rejectEarly(ctx, exchange, api.error(e, resource, exchange.requestId(), exchange.isHead()));
                return;
            }
        }
        openBody(ctx, exchange, request);
        RequestVerifier.Verified v = verified;
        try {
            workers.execute(() -> serveBrowser(ctx, exchange, endpoint, v, resource));
        } catch (RejectedExecutionException e) {
            exchange.respond(api.error(e, resource, exchange.requestId(), exchange.isHead()));
        }
    }

    /** Worker thread; the answer may come later, from any thread, and is sent from a worker. */
    private void serveBrowser(ChannelHandlerContext ctx, Exchange exchange, BrowserAccess.Endpoint endpoint,
                              RequestVerifier.Verified verified, String resource) {
        HttpRequest request = exchange.head();
        CompletableFuture<S3Response> answer;
        try {
            BodyStream body = exchange.body();
            InputStream raw = body != null ? body : InputStream.nullInputStream();
            InputStream in = verified != null ? verified.wrapBody(raw, request.headers()) : raw;
            answer = endpoint.serve(request, verified != null ? verified.accessKey() : null, in,
                    origin.of(ctx.channel(), request), ctx.channel().eventLoop());
        } catch (Exception | Error e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((r, e) -> {
            S3Response out = e == null ? r : api.error(e instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e, resource, exchange.requestId(), exchange.isHead());
            browser.decorate(request, out);
            exchange.respond(out);
        }, this::offLoop);
    }

    /** Runs on a worker, or right here when all are busy: a response must never be dropped. */
    private void offLoop(Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    /** An operator route: answered on a worker, its body (if any) discarded, not seen by the observer. */
    private void startReserved(Exchange exchange, HttpRequest request, String path) {
        exchange.openBody(null);
        try {
            workers.execute(() -> {
                S3Response response;
                try {
                    response = hooks.routes().handle(request, path);
                } catch (Exception | Error e) {
                    response = api.error(e, path, exchange.requestId(), exchange.isHead());
                }
                exchange.respond(response);
            });
        } catch (RejectedExecutionException e) {
            exchange.respond(api.error(e, path, exchange.requestId(), exchange.isHead()));
        }
    }

    /** Worker thread: runs the operation and writes its response. */
    /** The peer's address as a policy's aws:SourceIp sees it; null when the channel has none (tests). */
    private static String sourceIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    private void run(Exchange exchange, S3Request s3, RequestVerifier.Verified verified, String sourceIp) {
        S3Response response;
        try {
            BodyStream body = exchange.body();
            InputStream raw = body != null ? body : InputStream.nullInputStream();
            InputStream in = s3.operation() == S3Operation.CompleteMultipartUpload
                    ? verified.wrapRequestDocument(raw, s3.headers()) : verified.wrapBody(raw, s3.headers());
            response = api.handle(new S3Call(s3, verified.accessKey(), verified.root(), in,
                    verified::checksums, sourceIp, origin.tls()));
        } catch (Exception | Error e) {
            response = api.error(e, s3.resource(), s3.requestId(), exchange.isHead());
        }
        browser.decorate(exchange.head(), response);
        exchange.respond(response);
    }

    private void rejectEarly(ChannelHandlerContext ctx, Exchange exchange, S3Response error) {
        // The body is never read: it is discarded as it arrives and the connection closes after the answer.
        exchange.openBody(null);
        if (exchange.head().headers().contains(HttpHeaderNames.ORIGIN)) {
            // CORS headers go on errors too; finding them reads bucket configuration, so not on the event loop.
            offLoop(() -> {
                browser.decorate(exchange.head(), error);
                exchange.respond(error);
            });
            return;
        }
        exchange.respond(error);
    }

    private void resumeIfReading(ChannelHandlerContext ctx, Exchange exchange) {
        if (current == exchange && exchange.wantsBody()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The thread answering: a successful answer to a request that changes state is about to be sent. */
    private void acknowledging(Exchange exchange) {
        if (exchange.observed) {
            hooks.observer().acknowledging(exchange.record());
        }
    }

    /** Event loop: the exchange's response has been written (or failed). */
    private void finished(Exchange exchange) {
        inFlight.end();
        if (exchange.observed) {
            hooks.observer().finished(exchange.record());
        }
        if (current != exchange) {
            return;
        }
        current = null;
        if (exchange.closesConnection()) {
            if (exchange.requestComplete()) {
                ctx.close();
            } else {
                lingerThenClose(ctx);
            }
            return;
        }
        while (!pending.isEmpty() && (current == null || !current.requestComplete())) {
            dispatch(ctx, pending.poll());
        }
        if (inputShut && current == null && pending.isEmpty()) {
            ctx.close();
            return;
        }
        if (pending.isEmpty() && (current == null || current.wantsBody())) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * Closes a connection whose request body was not read to its end, once the response is written: shuts the
     * output down (the client sees the response end), then discards what the client still sends until it closes
     * or {@link #LINGER_SECONDS} pass. Closing at once makes the kernel answer the unread bytes with a reset,
     * which can destroy the response before the client reads it: a 503 to an upload would look like a dropped
     * connection.
     */
    private void lingerThenClose(ChannelHandlerContext ctx) {
        lingering = true;
        Object m;
        while ((m = pending.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        if (ctx.channel() instanceof DuplexChannel duplex && ctx.channel().isActive()) {
            duplex.shutdownOutput();
            ctx.channel().config().setAutoRead(true);
            ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            if (current == null && pending.isEmpty()) {
                ctx.close();
            } else if (current != null && current.wantsBody() && pending.isEmpty()) {
                // The body can no longer arrive in full: the decoder has flagged it, the upload fails.
                current.abort("client shut its sending side before the body ended");
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            boolean stalledUpload = current != null && current.wantsBody() && ctx.channel().config().isAutoRead();
            if (current == null || stalledUpload || !ctx.channel().isWritable()) {
                if (current != null) {
                    current.abort("connection idle");
                }
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.abort("connection closed by client");
        }
        Object m;
        while ((m = pending.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** HTTP/1.0 and HTTP/1.1: what the codec speaks; anything else would be answered in a language it lacks. */
    private static boolean supported(HttpVersion version) {
        return "HTTP".equals(version.protocolName()) && version.majorVersion() == 1
                && (version.minorVersion() == 0 || version.minorVersion() == 1);
    }

    private static boolean validContentLength(HttpRequest request) {
        String v = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return true;
        }
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Exception decodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new S3Exception(S3ErrorCode.REQUEST_HEADER_SECTION_TOO_LARGE);
        }
        if (cause instanceof TooLongFrameException) {
            return new S3Exception(S3ErrorCode.INVALID_URI, "The request line is too long.");
        }
        return new S3Exception(S3ErrorCode.INVALID_REQUEST, "The request could not be parsed.");
    }

    private static String resourceOf(HttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
