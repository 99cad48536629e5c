package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;

/** What a node answers to one request: a status, the error family when it failed, and the body. */
record NodeReply(HttpResponseStatus status, ErrorFamily error, ByteBuf body) {

    static NodeReply ok(byte[] body) {
        return new NodeReply(HttpResponseStatus.OK, null, Unpooled.wrappedBuffer(body));
    }

    static NodeReply ok(ByteBuf body) {
        return new NodeReply(HttpResponseStatus.OK, null, body);
    }

    static NodeReply empty() {
        return ok(Unpooled.EMPTY_BUFFER);
    }

    /** The message travels as the body, so the client's exception reads like the drive's. */
    static NodeReply failure(Throwable error) {
        ErrorFamily family = ErrorFamily.of(error);
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new NodeReply(HttpResponseStatus.valueOf(family.status()), family,
                Unpooled.wrappedBuffer(message.getBytes(UTF_8)));
    }
}
