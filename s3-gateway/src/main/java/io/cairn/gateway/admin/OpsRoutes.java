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
import java.util.LinkedHashMap;
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
 * <li>{@code /-/admin/drive/replace}: the same; POST formats the empty directory of a lost drive
 * ({@code drive}, 1-based) and starts a heal of everything ({@code rate}) that refills it.</li>
 * <li>{@code /-/admin/kms/keys}: the same; GET lists the key ring's keys, POST ({@code key}) makes one;
 * {@code /-/admin/kms/rotate}: POST ({@code key}) rotates it and reseals the objects under it.</li>
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
    static final String ADMIN_DRIVE_REPLACE = "/admin/drive/replace";
    static final String ADMIN_KMS_KEYS = "/admin/kms/keys";
    static final String ADMIN_KMS_ROTATE = "/admin/kms/rotate";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthChecks health;
    private final MetricsRegistry metrics;
    private final MetricsAccess metricsAccess;
    private final AdminInfo info;
    private final HealJob heal;
    private final DriveReplacement replacement;
    private KmsAdmin kms;
    private final RequestVerifier verifier;
    private final String rootAccessKey;
    private final Clock clock;
    private final String domainSuffix;

    /** {@code domain}: the virtual-host domain of the S3 port, or null for path style only. */
    OpsRoutes(HealthChecks health, MetricsRegistry metrics, MetricsAccess metricsAccess, AdminInfo info,
              HealJob heal, DriveReplacement replacement, RequestVerifier verifier, String rootAccessKey, Clock clock,
              String domain) {
        this.heal = heal;
        this.replacement = replacement;
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
        if (route.equals(ADMIN_INFO) || route.equals(ADMIN_HEAL) || route.equals(ADMIN_DRIVE_REPLACE)
                || route.startsWith("/admin/kms/")) {
            requireRoot(request);
        }
        if ((route.equals(ADMIN_KMS_KEYS) || route.equals(ADMIN_KMS_ROTATE)) && kms != null) {
            return kms(request, route);
        }
        if (route.equals(ADMIN_HEAL) && heal != null) {
            return heal(request);
        }
        if (route.equals(ADMIN_DRIVE_REPLACE) && heal != null && replacement != null) {
            return replaceDrive(request);
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

    /** Serves the key ring routes through {@code admin} (null: none configured). */
    void kms(KmsAdmin admin) {
        this.kms = admin;
    }

    private S3Response kms(HttpRequest request, String route) throws Exception {
        if (!kms.enabled()) {
            return text(HttpResponseStatus.NOT_FOUND, "no key ring is configured (--kms-dir)\n");
        }
        if (route.equals(ADMIN_KMS_KEYS) && request.method().equals(HttpMethod.GET)) {
            return json(HttpResponseStatus.OK, kms.list());
        }
        if (!request.method().equals(HttpMethod.POST)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or POST\n").header("Allow", "GET, POST");
        }
        String key = first(new QueryStringDecoder(request.uri()).parameters(), "key");
        try {
            return route.equals(ADMIN_KMS_KEYS) ? json(HttpResponseStatus.CREATED, kms.create(key))
                    : json(HttpResponseStatus.OK, kms.rotate(key));
        } catch (IllegalArgumentException e) {
            return text(e.getMessage().contains("already exists") ? HttpResponseStatus.CONFLICT
                    : HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
        }
    }

    private static S3Response json(HttpResponseStatus status, Object doc) throws Exception {
        return S3Response.of(status).header("Content-Type", "application/json").body(JSON.writeValueAsBytes(doc));
    }

    /** Formats the empty replacement of a lost drive, then heals everything onto it. */
    private S3Response replaceDrive(HttpRequest request) throws Exception {
        if (!request.method().equals(HttpMethod.POST)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST\n").header("Allow", "POST");
        }
        var query = new QueryStringDecoder(request.uri()).parameters();
        int drive;
        double rate;
        try {
            drive = Integer.parseInt(String.valueOf(first(query, "drive")));
            rate = first(query, "rate") == null ? 0 : Double.parseDouble(first(query, "rate"));
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "drive must be a drive number (1-based) and rate a number of objects a second");
        }
        String driveId;
        try {
            driveId = replacement.adopt(drive);
        } catch (DriveReplacement.RefusedException e) {
            return text(e.conflict() ? HttpResponseStatus.CONFLICT : HttpResponseStatus.BAD_REQUEST,
                    e.getMessage() + "\n");
        }
        boolean started = heal.start(null, null, rate);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("drive", drive);
        doc.put("driveId", driveId);
        doc.put("healStarted", started);
        doc.put("heal", heal.status());
        return S3Response.of(HttpResponseStatus.ACCEPTED).header("Content-Type", "application/json")
                .body(JSON.writeValueAsBytes(doc));
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
