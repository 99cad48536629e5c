package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpRequest;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What lets browsers use the store directly: endpoints served outside the S3 router (CORS preflight, POST
 * form uploads, URN minting and await) and the CORS headers added to every response, errors included.
 */
public interface BrowserAccess {

    BrowserAccess NONE = new BrowserAccess() {
        @Override
        public Endpoint claim(HttpRequest head) {
            return null;
        }

        @Override
        public void decorate(HttpRequest head, S3Response response) {
        }
    };

    /** Event loop, cheap: the endpoint that serves this request instead of the S3 API, or null. */
    Endpoint claim(HttpRequest head);

    /** Worker thread (may read bucket configuration): adds CORS headers for the request. Never throws. */
    void decorate(HttpRequest head, S3Response response);

    /** One endpoint outside the S3 API. */
    interface Endpoint {
        /** Whether the request must carry a valid SigV4 signature, checked before its body is read. */
        boolean signed();

        /**
         * Worker thread: serves the request. The answer may complete later (a long-poll) on any thread;
         * {@code timer} is the connection's event loop, for timeouts. {@code accessKey} null when unsigned.
         * {@code origin} is the base URL ({@code scheme://host[:port]}) of any URL the answer names.
         */
        CompletableFuture<S3Response> serve(HttpRequest head, String accessKey, InputStream body, URI origin,
                                            ScheduledExecutorService timer) throws Exception;
    }
}
