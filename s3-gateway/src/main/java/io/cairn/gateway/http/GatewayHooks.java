package io.cairn.gateway.http;

/** What operations plug into the gateway: an observer of S3 requests and the reserved operator routes. */
public record GatewayHooks(RequestObserver observer, ReservedRoutes routes) {

    public static GatewayHooks none() {
        return new GatewayHooks(RequestObserver.NONE, ReservedRoutes.NONE);
    }
}
