package io.cairn.gateway.cors;

import io.cairn.object.ObjectService;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.xml.Xml;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a bucket's CORS rules: answers preflight requests (no authentication, as browsers send none)
 * and adds the Access-Control-* headers to actual responses. Blocking (reads the bucket configuration):
 * call it on a worker thread.
 */
public final class CorsResponder {

    private static final Logger LOG = LoggerFactory.getLogger(CorsResponder.class);
    static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    /**
     * How long a bucket's rules are reused. Every cross-origin request needs them, and reading them is a
     * quorum read; a changed configuration takes effect within this time on every gateway.
     */
    static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_CACHED = 10_000;

    private final ObjectService objects;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<CorsConfiguration> config, long readAt) {
    }

    public CorsResponder(ObjectService objects) {
        this.objects = objects;
    }

    /**
     * The answer to {@code OPTIONS} on {@code bucket}: 200 with the allowed origin, methods and headers, or
     * 403 AccessForbidden when the bucket has no CORS configuration or no rule allows the request.
     */
    public S3Response preflight(String bucket, HttpHeaders headers) {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        String method = headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (origin == null || method == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, origin == null
                    ? "Insufficient information. Origin request header needed."
                    : "Invalid Access-Control-Request-Method: null");
        }
        if (bucket == null) {
            throw new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN, "CORSResponse: Bucket not found");
        }
        objects.headBucket(bucket);
        CorsConfiguration config = load(bucket).orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN,
                "CORSResponse: CORS is not enabled for this bucket."));
        List<String> requested = headerList(headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
        CorsConfiguration.Rule rule = CorsRules.match(config, origin, method, requested)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN));
        S3Response r = S3Response.ok();
        allowOrigin(r, rule, origin);
        r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", rule.allowedMethods()));
        if (!requested.isEmpty()) {
            r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", requested));
        }
        if (rule.maxAgeSeconds() != null) {
            r.header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, rule.maxAgeSeconds());
        }
        expose(r, rule);
        return r;
    }

    /**
     * Adds CORS headers to the response of an actual (non-preflight) request when its Origin is allowed
     * by a rule of {@code bucket} for {@code method}. Never throws: a response is never lost over CORS.
     */
    public void decorate(String bucket, String method, HttpHeaders requestHeaders, S3Response response) {
        String origin = requestHeaders.get(HttpHeaderNames.ORIGIN);
        if (origin == null || bucket == null) {
            return;
        }
        try {
            Optional<CorsConfiguration.Rule> rule = load(bucket)
                    .flatMap(c -> CorsRules.match(c, origin, method, List.of()));
            if (rule.isPresent()) {
                allowOrigin(response, rule.get(), origin);
                expose(response, rule.get());
            }
        } catch (RuntimeException e) {
            LOG.debug("no CORS headers for bucket {}: {}", bucket, e.toString());
        }
    }

    private Optional<CorsConfiguration> load(String bucket) {
        long now = System.nanoTime();
        Cached c = cache.get(bucket);
        if (c != null && now - c.readAt() < CACHE_NANOS) {
            return c.config();
        }
        Optional<CorsConfiguration> config = objects.getBucketConfig(bucket, CorsOperations.CONFIG).map(xml -> {
            try {
                return Xml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), Integer.MAX_VALUE - 1,
                        CorsConfiguration.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(bucket, new Cached(config, now));
        return config;
    }

    private static void allowOrigin(S3Response r, CorsConfiguration.Rule rule, String origin) {
        if (CorsRules.anyOrigin(rule)) {
            r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        r.header(HttpHeaderNames.VARY, VARY);
    }

    /** The rule's ExposeHeader list, always with ETag: a browser upload needs it to confirm what it stored. */
    private static void expose(S3Response r, CorsConfiguration.Rule rule) {
        Set<String> names = new LinkedHashSet<>(rule.exposeHeaders());
        if (names.stream().noneMatch(n -> n.equalsIgnoreCase("ETag"))) {
            names.add("ETag");
        }
        r.header(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", names));
    }

    static List<String> headerList(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String h : value.split(",")) {
            String t = h.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
