package io.cairn.gateway.web;

import io.cairn.gateway.auth.CredentialStore;
import io.cairn.gateway.cors.CorsResponder;
import io.cairn.gateway.http.BrowserAccess;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.ObjectService;
import io.cairn.gateway.post.PostObjectHandler;
import io.cairn.gateway.s3.EncryptedUploads;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.urn.Urn;
import io.cairn.gateway.urn.UrnEndpoints;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The browser-facing endpoints of one gateway. Preflights and form uploads carry no SigV4 signature (a
 * form's policy is checked by the upload itself); the URN endpoints are signed like any S3 call.
 * CORS rules are those of the request's bucket: the first path segment (path-style addressing), or the
 * namespace of the {@code urn} parameter on the URN endpoints.
 */
public final class BrowserEndpoints implements BrowserAccess {

    private final CorsResponder cors;
    private final PostObjectHandler post;
    private final UrnEndpoints urns;

    public BrowserEndpoints(ObjectService objects, CredentialStore credentials, String region, Clock clock,
                            ExecutorService background, EncryptedUploads encryption) {
        this.cors = new CorsResponder(objects);
        this.post = new PostObjectHandler(objects, credentials, region, clock, encryption);
        this.urns = new UrnEndpoints(objects, credentials, region, clock, background);
    }

    /** Builds the endpoints for {@code server}, hooks URN await into the object layer's commits. */
    public static BrowserEndpoints install(GatewayServer server, ErasureObjectService objects,
                                           CredentialStore credentials, String region) {
        return install(server, objects, credentials, region, Clock.systemUTC());
    }

    /** As above; {@code clock} dates form policies, minted URLs and URN reservations. */
    public static BrowserEndpoints install(GatewayServer server, ErasureObjectService objects,
                                           CredentialStore credentials, String region, Clock clock) {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-urn-cleanup");
            t.setDaemon(true);
            return t;
        });
        BrowserEndpoints endpoints = new BrowserEndpoints(objects, credentials, region, clock, background,
                server.encryptedUploads());
        objects.addCommitListener(endpoints.urns.commitListener());
        server.browserAccess(endpoints);
        return endpoints;
    }

    public UrnEndpoints urns() {
        return urns;
    }

    @Override
    public Endpoint claim(HttpRequest head) {
        String path = new QueryStringDecoder(head.uri()).rawPath();
        String method = head.method().name();
        if (UrnEndpoints.matches(path)) {
            if (method.equals("OPTIONS")) {
                return unsigned((h, body, origin) -> cors.preflight(bucketOf(h), h.headers()));
            }
            return new Endpoint() {
                @Override
                public boolean signed() {
                    return true;
                }

                @Override
                public CompletableFuture<S3Response> serve(HttpRequest h, String accessKey, InputStream body,
                                                           URI origin, ScheduledExecutorService timer) {
                    return urns.serve(h, accessKey, origin, timer);
                }
            };
        }
        if (path.startsWith("/-/") || path.equals("/-")) {
            return null;
        }
        if (method.equals("OPTIONS")) {
            return unsigned((h, body, origin) -> cors.preflight(bucketOf(h), h.headers()));
        }
        if (PostObjectHandler.isFormUpload(method, head.headers()) && isBucketPath(path)
                && !new QueryStringDecoder(head.uri()).parameters().containsKey("delete")) {
            return unsigned((h, body, origin) -> post.handle(bucketOf(h), h.headers(), body, origin));
        }
        return null;
    }

    @Override
    public void decorate(HttpRequest head, S3Response response) {
        if (head.method().name().equals("OPTIONS")) {
            return;
        }
        String bucket;
        try {
            bucket = bucketOf(head);
        } catch (RuntimeException e) {
            return;
        }
        cors.decorate(bucket, head.method().name(), head.headers(), response);
    }

    /** The bucket whose CORS rules govern a request, or null. */
    static String bucketOf(HttpRequest head) {
        QueryStringDecoder q = new QueryStringDecoder(head.uri());
        String path = q.rawPath();
        if (UrnEndpoints.matches(path)) {
            List<String> urn = q.parameters().get("urn");
            return urn == null || urn.isEmpty() ? null : Urn.parse(urn.get(0)).bucket();
        }
        if (path.length() < 2) {
            return null;
        }
        int slash = path.indexOf('/', 1);
        String raw = slash < 0 ? path.substring(1) : path.substring(1, slash);
        return raw.isEmpty() ? null : QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8);
    }

    private static boolean isBucketPath(String path) {
        int slash = path.indexOf('/', 1);
        return path.length() > 1 && (slash < 0 || slash == path.length() - 1);
    }

    @FunctionalInterface
    private interface Work {
        S3Response run(HttpRequest head, InputStream body, URI origin) throws Exception;
    }

    private static Endpoint unsigned(Work work) {
        return new Endpoint() {
            @Override
            public boolean signed() {
                return false;
            }

            @Override
            public CompletableFuture<S3Response> serve(HttpRequest h, String accessKey, InputStream body,
                                                       URI origin, ScheduledExecutorService timer)
                    throws Exception {
                return CompletableFuture.completedFuture(work.run(h, body, origin));
            }
        };
    }
}
