package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Operator endpoints (health, metrics, admin) under a path prefix no S3 bucket can have: bucket names
 * start with a letter or digit, so {@code /-/...} never names a bucket. They are matched before S3 routing
 * and answered on a worker thread; their request bodies are discarded.
 */
public interface ReservedRoutes {

    /** The reserved prefix on the S3 port. */
    String PREFIX = "/-/";

    ReservedRoutes NONE = new ReservedRoutes() {
        @Override
        public boolean matches(HttpRequest request, String path) {
            return false;
        }

        @Override
        public S3Response handle(HttpRequest request, String path) {
            throw new IllegalStateException("no reserved routes");
        }
    };

    /**
     * Whether the request for {@code path} (without query) is one of these routes; called on the event loop.
     * A virtual-host request ({@code bucket.<domain>}) never is: there {@code /-/x} is the key {@code -/x}.
     */
    boolean matches(HttpRequest request, String path);

    /** Answers the request; may block briefly (never more than about a second). */
    S3Response handle(HttpRequest request, String path) throws Exception;
}
