package io.cairn.gateway.s3;

import io.cairn.object.ObjectContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What an operation answers: a status, headers and either a small body in memory (XML, empty) or an open
 * {@link ObjectContent} the HTTP layer streams and then closes.
 */
public final class S3Response {

    private final HttpResponseStatus status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private byte[] body = new byte[0];
    private ObjectContent content;
    private String errorCode;

    private S3Response(HttpResponseStatus status) {
        this.status = status;
    }

    public static S3Response of(HttpResponseStatus status) {
        return new S3Response(status);
    }

    public static S3Response ok() {
        return new S3Response(HttpResponseStatus.OK);
    }

    public static S3Response noContent() {
        return new S3Response(HttpResponseStatus.NO_CONTENT);
    }

    /** An XML document body. */
    public static S3Response xml(byte[] document) {
        S3Response r = ok();
        r.body = document;
        r.headers.set("Content-Type", "application/xml");
        return r;
    }

    public S3Response header(CharSequence name, Object value) {
        if (value != null) {
            headers.set(name, value);
        }
        return this;
    }

    public S3Response body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Streams {@code objectContent}; the Content-Length header must be set by the operation. */
    public S3Response content(ObjectContent objectContent) {
        this.content = objectContent;
        return this;
    }

    /** Marks this response as the S3 error {@code code} (for metrics and the access log). */
    public S3Response errorCode(String code) {
        this.errorCode = code;
        return this;
    }

    /** The S3 error code this response carries, or null for a success. */
    public String errorCode() {
        return errorCode;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** The streamed content, or null for an in-memory body. */
    public ObjectContent content() {
        return content;
    }
}
