package io.cairn.gateway.http;

import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpRequest;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** Answers {@code /-/origin} with the base URL the gateway resolved for the request. */
final class OriginEcho implements BrowserAccess {

    @Override
    public Endpoint claim(HttpRequest head) {
        return !head.uri().equals("/-/origin") ? null : new Endpoint() {
            @Override
            public boolean signed() {
                return false;
            }

            @Override
            public CompletableFuture<S3Response> serve(HttpRequest h, String accessKey, InputStream body, URI origin,
                                                       ScheduledExecutorService timer) {
                return CompletableFuture.completedFuture(
                        S3Response.ok().body(origin.toString().getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    @Override
    public void decorate(HttpRequest head, S3Response response) {
    }
}
