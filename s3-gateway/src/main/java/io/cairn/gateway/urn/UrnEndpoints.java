package io.cairn.gateway.urn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.auth.CredentialStore;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.gateway.s3.BucketAccess;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The URN endpoints, under a prefix no bucket can have: {@code POST /-/urn/mint}, {@code GET /-/urn/status}
 * and {@code GET /-/urn/await} (long-poll: 200 on commit, 204 on timeout, 404 when nothing is pending).
 * All are SigV4-authenticated like any S3 call; minted status and await URLs are presigned.
 */
public final class UrnEndpoints {

    public static final String PREFIX = "/-/urn/";
    static final int MAX_AWAIT_SECONDS = 300;
    /** How often a waiting long-poll looks for a commit made through another gateway. */
    static final long LOOK_MILLIS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys minted by this process lately, so a commit can drop its reservation without a lookup per PUT. */
    private static final int MAX_TRACKED = 100_000;

    private final UrnService service;
    private final CredentialStore credentials;
    private final BucketAccess access;
    private final Executor background;
    private final UrnWaiters waiters = new UrnWaiters();
    private final Set<String> minted = ConcurrentHashMap.newKeySet();

    public UrnEndpoints(ObjectService objects, CredentialStore credentials, String region, Clock clock,
                        Executor background) {
        this.service = new UrnService(objects, region, clock);
        this.credentials = credentials;
        this.access = new BucketAccess(objects);
        this.background = background;
    }

    public static boolean matches(String path) {
        return path.startsWith(PREFIX);
    }

    /** To register with the object layer: fired after every committed PUT or multipart completion. */
    public Consumer<ObjectInfo> commitListener() {
        return info -> {
            waiters.committed(info);
            if (minted.remove(info.bucket() + '/' + info.key())) {
                background.execute(() -> service.forget(info));
            }
        };
    }

    /**
     * Worker thread. {@code origin}: the base of the URLs a mint answers with (the scheme and host the client
     * used); {@code timer}: where the await timeout is scheduled (the connection's event loop).
     */
    public CompletableFuture<S3Response> serve(HttpRequest head, String accessKey, URI origin,
                                               ScheduledExecutorService timer) {
        QueryStringDecoder q = new QueryStringDecoder(head.uri());
        String path = q.path();
        String method = head.method().name();
        try {
            return switch (path) {
                case PREFIX + "mint" -> only("POST", method, () -> mint(q, accessKey, origin));
                case PREFIX + "status" -> only("GET", method, () -> statusResponse(service.status(allowed(urn(q),
                        accessKey))));
                case PREFIX + "await" -> {
                    if (!method.equals("GET")) {
                        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
                    }
                    yield await(allowed(urn(q), accessKey), timeout(q), timer);
                }
                default -> throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Unknown URN endpoint: " + path);
            };
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private static CompletableFuture<S3Response> only(String expected, String method,
                                                      Supplier<S3Response> work) {
        if (!expected.equals(method)) {
            throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        return CompletableFuture.completedFuture(work.get());
    }

    private S3Response mint(QueryStringDecoder q, String accessKey, URI origin) {
        long expires = longParam(q, "expires", UrnService.DEFAULT_EXPIRY.toSeconds());
        if (expires < 1 || expires > 604_800) {
            throw new IllegalArgumentException("expires must be 1 to 604800 seconds");
        }
        long maxSize = longParam(q, "maxSize", -1);
        UrnService.MintRequest request = new UrnService.MintRequest(required(q, "namespace"), required(q, "kind"),
                param(q, "id"), param(q, "contentType"), maxSize < 0 ? null : maxSize, Duration.ofSeconds(expires),
                !"false".equals(param(q, "createOnly")), param(q, "redirect"));
        var signer = credentials.lookup(accessKey).orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_DENIED))
                .signing();
        access.check(Urn.bucketOf(request.namespace()), accessKey, credentials.isRoot(accessKey));
        Map<String, Object> out = service.mint(request, signer, origin);
        if (minted.size() < MAX_TRACKED) {
            minted.add(out.get("bucket") + "/" + out.get("key"));
        }
        return json(HttpResponseStatus.OK, out);
    }

    /** The URN, when its signer may act on its bucket (a URN's namespace is a bucket). */
    private Urn allowed(Urn urn, String accessKey) {
        access.check(urn.bucket(), accessKey, credentials.isRoot(accessKey));
        return urn;
    }

    private CompletableFuture<S3Response> await(Urn urn, int timeoutSeconds, ScheduledExecutorService timer) {
        CompletableFuture<ObjectInfo> commit = waiters.register(urn.bucket(), urn.key());
        UrnService.Status now;
        try {
            now = service.status(urn);
        } catch (RuntimeException e) {
            waiters.cancel(urn.bucket(), urn.key(), commit);
            throw e;
        }
        if (now.state() != UrnService.State.PENDING) {
            waiters.cancel(urn.bucket(), urn.key(), commit);
            return CompletableFuture.completedFuture(statusResponse(now));
        }
        CompletableFuture<S3Response> answer = commit.thenApply(info ->
                statusResponse(new UrnService.Status(urn, UrnService.State.COMMITTED, info, null)));
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            if (waiters.cancel(urn.bucket(), urn.key(), commit)) {
                answer.complete(S3Response.noContent().header("x-cairn-urn-state", "pending"));
            }
        }, timeoutSeconds, TimeUnit.SECONDS);
        ScheduledFuture<?> look = timer.scheduleWithFixedDelay(() -> background.execute(() ->
                lookAgain(urn, commit, answer)), LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
        answer.whenComplete((r, e) -> {
            timeout.cancel(false);
            look.cancel(false);
        });
        return answer;
    }

    /**
     * A commit through another gateway of a cluster fires no listener in this process, so a waiting long-poll
     * also looks at the URN's state every {@link #LOOK_MILLIS}; whichever sees the commit first answers.
     */
    private void lookAgain(Urn urn, CompletableFuture<ObjectInfo> commit, CompletableFuture<S3Response> answer) {
        if (answer.isDone()) {
            return;
        }
        try {
            UrnService.Status now = service.status(urn);
            if (now.state() != UrnService.State.PENDING && waiters.cancel(urn.bucket(), urn.key(), commit)) {
                answer.complete(statusResponse(now));
            }
        } catch (RuntimeException e) {
            // The next look, the local listener or the timeout answers.
        }
    }

    /** Number of long-polls waiting right now. */
    public int waiting() {
        return waiters.size();
    }

    static S3Response statusResponse(UrnService.Status s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("urn", s.urn().toString());
        out.put("bucket", s.urn().bucket());
        out.put("key", s.urn().key());
        out.put("state", s.state().name().toLowerCase(Locale.ROOT));
        if (s.expires() != null) {
            out.put("expires", s.expires().toString());
        }
        ObjectInfo o = s.object();
        if (o != null) {
            out.put("etag", "\"" + o.etag() + "\"");
            out.put("size", o.size());
            out.put("contentType", o.metadata().get("content-type"));
            Map<String, String> checksums = new LinkedHashMap<>();
            o.metadata().forEach((k, v) -> {
                if (k.startsWith("x-amz-checksum-") && !k.equals("x-amz-checksum-type")) {
                    checksums.put(k.substring("x-amz-checksum-".length()), v);
                }
            });
            out.put("checksums", checksums);
            out.put("lastModified", o.lastModified().toString());
        }
        boolean found = s.state() == UrnService.State.COMMITTED || s.state() == UrnService.State.PENDING;
        return json(found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND, out);
    }

    private static S3Response json(HttpResponseStatus status, Map<String, Object> body) {
        try {
            return S3Response.of(status).header("Content-Type", "application/json")
                    .header("Cache-Control", "no-store").body(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Urn urn(QueryStringDecoder q) {
        return Urn.parse(required(q, "urn"));
    }

    private static int timeout(QueryStringDecoder q) {
        long t = longParam(q, "timeout", UrnService.AWAIT_SECONDS);
        if (t < 0 || t > MAX_AWAIT_SECONDS) {
            throw new IllegalArgumentException("timeout must be 0 to " + MAX_AWAIT_SECONDS + " seconds");
        }
        return (int) t;
    }

    private static String param(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    private static String required(QueryStringDecoder q, String name) {
        String v = param(q, name);
        if (v == null) {
            throw new IllegalArgumentException("missing parameter: " + name);
        }
        return v;
    }

    private static long longParam(QueryStringDecoder q, String name, long fallback) {
        String v = param(q, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + v);
        }
    }
}
