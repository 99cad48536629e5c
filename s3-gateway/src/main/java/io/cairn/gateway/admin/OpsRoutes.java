package io.cairn.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.health.HealthChecks;
import io.cairn.gateway.http.RequestVerifier;
import io.cairn.gateway.http.ReservedRoutes;
import io.cairn.gateway.metrics.MetricsRegistry;
import io.cairn.gateway.metrics.PrometheusText;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Response;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator endpoints on the S3 port, all under {@code /-/} (no bucket name can start with '-'):
 * <ul>
 * <li>{@code /-/health/live}, {@code /-/health/ready}, {@code /-/health/cluster}: no authentication;</li>
 * <li>{@code /-/metrics}: Prometheus text, with the metrics bearer token only;</li>
 * <li>{@code /-/admin/info}: SigV4-signed by the root user (header or presigned query);</li>
 * <li>{@code /-/admin/heal}: the same; POST starts a heal ({@code bucket}, {@code prefix}, {@code rate}
 * objects a second), GET tells its progress.</li>
 * </ul>
 * The separate metrics listener serves the same routes without the {@code /-} prefix and without a token.
 * On a virtual-host request ({@code bucket.<domain>}) {@code /-/...} is an object key, not one of these.
 */
public final class OpsRoutes implements ReservedRoutes {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String CLUSTER = "/health/cluster";
    static final String METRICS = "/metrics";
    static final String ADMIN_INFO = "/admin/info";
    static final String ADMIN_HEAL = "/admin/heal";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthChecks health;
    private final MetricsRegistry metrics;
    private final MetricsAccess metricsAccess;
    private final AdminInfo info;
    private final HealJob heal;
    private final RequestVerifier verifier;
    private final String rootAccessKey;
    private final Clock clock;
    private final String domainSuffix;

    /** {@code domain}: the virtual-host domain of the S3 port, or null for path style only. */
    OpsRoutes(HealthChecks health, MetricsRegistry metrics, MetricsAccess metricsAccess, AdminInfo info,
              HealJob heal, RequestVerifier verifier, String rootAccessKey, Clock clock, String domain) {
        this.heal = heal;
        this.domainSuffix = domain == null || domain.isEmpty() ? null : "." + domain.toLowerCase(Locale.ROOT);
        this.health = health;
        this.metrics = metrics;
        this.metricsAccess = metricsAccess;
        this.info = info;
        this.verifier = verifier;
        this.rootAccessKey = rootAccessKey;
        this.clock = clock;
    }

    @Override
    public boolean matches(HttpRequest request, String path) {
        if (!path.startsWith(PREFIX) && !path.equals("/-")) {
            return false;
        }
        return domainSuffix == null || !isVirtualHost(request.headers().get(HttpHeaderNames.HOST));
    }

    private boolean isVirtualHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return h.endsWith(domainSuffix) && h.length() > domainSuffix.length();
    }

    @Override
    public S3Response handle(HttpRequest request, String path) throws Exception {
        String route = path.length() > 2 ? path.substring(2) : "/";
        if (route.equals(METRICS) && !metricsAccess.allows(request)) {
            return text(HttpResponseStatus.FORBIDDEN, metricsAccess.enabled()
                    ? "metrics need Authorization: Bearer <metrics token>\n"
                    : "metrics are not served on the S3 port without a metrics token; see --metrics-token"
                    + " and --metrics-address\n");
        }
        if (route.equals(ADMIN_INFO) || route.equals(ADMIN_HEAL)) {
            requireRoot(request);
        }
        if (route.equals(ADMIN_HEAL) && heal != null) {
            return heal(request);
        }
        return serve(request, route);
    }

    /** Answers {@code route} (the path without the reserved prefix), access already checked. */
    S3Response serve(HttpRequest request, String route) throws Exception {
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n").header("Allow", "GET, HEAD");
        }
        return switch (route) {
            case LIVE -> health.live();
            case READY -> health.readiness();
            case CLUSTER -> health.cluster();
            case METRICS -> S3Response.ok().header("Content-Type", PrometheusText.CONTENT_TYPE)
                    .body(PrometheusText.render(metrics));
            case ADMIN_INFO -> S3Response.ok().header("Content-Type", "application/json")
                    .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info.document(clock.instant())));
            default -> text(HttpResponseStatus.NOT_FOUND, "no such operator endpoint: " + route + "\n");
        };
    }

    private S3Response heal(HttpRequest request) throws Exception {
        if (request.method().equals(HttpMethod.POST)) {
            var query = new QueryStringDecoder(request.uri()).parameters();
            String bucket = first(query, "bucket");
            double rate = 0;
            try {
                rate = first(query, "rate") == null ? 0 : Double.parseDouble(first(query, "rate"));
            } catch (NumberFormatException e) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "rate must be a number of objects a second");
            }
            boolean started = heal.start(bucket == null || bucket.isEmpty() ? null : bucket, first(query, "prefix"),
                    rate);
            return S3Response.of(started ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.CONFLICT)
                    .header("Content-Type", "application/json").body(JSON.writeValueAsBytes(heal.status()));
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or POST\n").header("Allow", "GET, POST");
        }
        return S3Response.ok().header("Content-Type", "application/json").body(JSON.writeValueAsBytes(heal.status()));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private void requireRoot(HttpRequest request) throws Exception {
        RequestVerifier.Verified caller = verifier.verify(request);
        if (!rootAccessKey.equals(caller.accessKey())) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
    }

    static S3Response text(HttpResponseStatus status, String body) {
        return S3Response.of(status).header("Content-Type", "text/plain; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
