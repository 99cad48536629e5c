package io.cairn.gateway.http;

import io.cairn.object.ObjectContent;
import io.cairn.gateway.s3.IncompleteBodyException;
import io.cairn.gateway.s3.S3Response;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request/response exchange on a connection: receives the body into a {@link BodyStream} on the event
 * loop and writes the response (possibly streamed from the object layer) from whichever thread produced it.
 */
final class Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final Channel channel;
    private final HttpRequest head;
    private final String requestId;
    private final Consumer<Exchange> onFinished;
    private final Consumer<Exchange> onAcknowledging;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Object writable = new Object();
    private final boolean expectsBody;
    private volatile BodyStream body;
    private volatile boolean requestComplete;
    private volatile boolean closeAfterResponse;
    /** Event loop: whether the request observer saw this exchange start. */
    boolean observed;
    // What the request did, for metrics and the access log; written once, read after finish.
    private final long startNanos = System.nanoTime();
    private volatile String operation;
    private volatile String bucket;
    private volatile String key;
    private volatile String accessKey;
    private volatile int status;
    private volatile String errorCode;
    private long bytesIn;
    private volatile long bytesOut;

    /**
     * {@code onAcknowledging} hears of a successful answer to a request that changes state before it is sent;
     * {@code onFinished} hears of every exchange once its response is written.
     */
    Exchange(Channel channel, HttpRequest head, String requestId, Consumer<Exchange> onFinished,
             Consumer<Exchange> onAcknowledging) {
        this.channel = channel;
        this.head = head;
        this.requestId = requestId;
        this.onFinished = onFinished;
        this.onAcknowledging = onAcknowledging;
        this.expectsBody = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
    }

    String requestId() {
        return requestId;
    }

    HttpRequest head() {
        return head;
    }

    boolean expectsBody() {
        return expectsBody;
    }

    /** Event loop: from now on body bytes go to {@code stream} (null: they are discarded). */
    void openBody(BodyStream stream) {
        this.body = stream;
    }

    /** The connection cannot carry another request after this one (e.g. the request could not be parsed). */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    boolean closesConnection() {
        return closeAfterResponse || (expectsBody && !requestComplete);
    }

    BodyStream body() {
        return body;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** Whether the channel is reading on behalf of this exchange (its body is still arriving). */
    boolean wantsBody() {
        return body != null && !requestComplete;
    }

    private boolean changesState() {
        HttpMethod m = head.method();
        return !m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD) && !m.equals(HttpMethod.OPTIONS);
    }

    /** Names what the request is, once routing and authentication got that far. */
    void describe(String operationName, String bucketName, String keyName, String caller) {
        this.operation = operationName;
        this.bucket = bucketName;
        this.key = keyName;
        this.accessKey = caller;
    }

    /** Event loop, after finish: what the request did. */
    RequestRecord record() {
        Object remote = channel.remoteAddress();
        String from = remote instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                : remote == null ? null : remote.toString();
        return new RequestRecord(requestId, from, accessKey, operation,
                bucket, key, status, errorCode, bytesIn, bytesOut, System.nanoTime() - startNanos);
    }

    /** Event loop: takes ownership of {@code content}. */
    void onContent(HttpContent content) {
        bytesIn += content.content().readableBytes();
        BodyStream b = body;
        if (b != null) {
            b.offer(content.content());
        } else {
            content.release();
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
            if (b != null) {
                b.end();
            }
        }
    }

    /** Event loop: the connection closed or went idle before the exchange finished. */
    void abort(String why) {
        BodyStream b = body;
        if (b != null) {
            b.fail(new IncompleteBodyException(why));
        }
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    void writabilityChanged() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    /** Sends {@code response}; streams its content, if any, from the calling thread. */
    void respond(S3Response response) {
        ObjectContent content = response.content();
        try {
            HttpResponse out = content == null
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                    Unpooled.wrappedBuffer(response.body()))
                    : new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
            out.headers().set(response.headers());
            out.headers().set("x-amz-request-id", requestId);
            out.headers().set("x-amz-id-2", RequestIds.hostId());
            out.headers().set(HttpHeaderNames.DATE, HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
            out.headers().set(HttpHeaderNames.SERVER, "Cairn");
            int status = response.status().code();
            this.status = status;
            this.errorCode = response.errorCode();
            if (content == null) {
                bytesOut = response.body().length;
            }
            if (status == 204 || status == 304) {
                // These never have a body, and HTTP says they carry no Content-Length either.
                out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            } else if (content == null && !(isHead() && out.headers().contains(HttpHeaderNames.CONTENT_LENGTH))) {
                HttpUtil.setContentLength(out, response.body().length);
            }
            if (!HttpUtil.isKeepAlive(head)) {
                // The client asked to close (Connection: close, or HTTP/1.0 without keep-alive).
                closeAfterResponse = true;
            }
            if (closesConnection()) {
                // Asked to, or the body was not read to its end (or not parsable): no further request can follow.
                HttpUtil.setKeepAlive(out, false);
            }
            if (content == null) {
                if (status < 300 && changesState()) {
                    onAcknowledging.accept(this);
                }
                channel.writeAndFlush(out, finishing());
                return;
            }
            channel.writeAndFlush(out);
            stream(content);
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, finishing());
        } catch (Exception | Error e) {
            LOG.warn("request {}: response aborted: {}", requestId, e.toString());
            channel.close();
            finish();
        } finally {
            if (content != null) {
                content.close();
            }
        }
    }

    /**
     * A promise that finishes the exchange when the response's last write completes. Its listener is attached
     * before the write is issued, so it runs on the event loop in the same step that completes the write: a
     * listener added after a write already done would run in a later step, and the client's next request
     * could be read in between, while this exchange still looks unanswered.
     */
    private ChannelPromise finishing() {
        ChannelPromise promise = channel.newPromise();
        promise.addListener(f -> finish());
        return promise;
    }

    private void stream(ObjectContent content) throws IOException {
        ByteBuffer chunk;
        long sent = 0;
        while ((chunk = content.next()) != null) {
            awaitWritable();
            sent += chunk.remaining();
            bytesOut = sent;
            if (chunk.hasRemaining()) {
                channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
            }
        }
    }

    private void awaitWritable() throws IOException {
        synchronized (writable) {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new IOException("connection closed by client");
                }
                try {
                    writable.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while streaming");
                }
            }
        }
        if (!channel.isActive()) {
            throw new IOException("connection closed by client");
        }
    }

    /** Releases the body and hands the exchange back to the connection's handler exactly once. */
    void finish() {
        if (finished.compareAndSet(false, true)) {
            BodyStream b = body;
            if (b != null) {
                b.close();
            }
            // Called by the write's listener on the event loop, the hand-back runs at once: the client, having
            // read the answer, may already be sending its next request, which must find the exchange over.
            if (channel.eventLoop().inEventLoop()) {
                onFinished.accept(this);
            } else {
                channel.eventLoop().execute(() -> onFinished.accept(this));
            }
        }
    }

    /** The response has been written (or abandoned): whatever the client sends now is its next request. */
    boolean answered() {
        return finished.get();
    }

    boolean isHead() {
        return head.method().name().equals("HEAD");
    }
}
