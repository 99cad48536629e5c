/**
 * The Netty HTTP server: {@link io.cairn.gateway.http.GatewayServer} (bootstrap, graceful shutdown),
 * {@code GatewayInitializer} (the pipeline), {@code S3RequestHandler} (one request's life per connection)
 * and {@code BodyStream} (request bodies streamed to worker threads with auto-read backpressure). No S3
 * semantics here: routing, operations and errors live in {@code io.cairn.gateway.s3}; the server only
 * hands the S3 API the operation families that live in packages of their own ({@code cors}).
 */
package io.cairn.gateway.http;
