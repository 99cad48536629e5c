package io.cairn.gateway.admin;

import io.cairn.gateway.crypto.KeyRing;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.gateway.health.DriveProbe;
import io.cairn.gateway.health.HealthChecks;
import io.cairn.gateway.lifecycle.LifecycleJob;
import io.cairn.gateway.http.GatewayHooks;
import io.cairn.gateway.http.RequestObserver;
import io.cairn.gateway.http.RequestRecord;
import io.cairn.gateway.http.RequestVerifier;
import io.cairn.gateway.metrics.AccessLog;
import io.cairn.gateway.metrics.JvmMetrics;
import io.cairn.gateway.metrics.MetricsRegistry;
import io.cairn.gateway.metrics.RequestMetrics;
import io.cairn.gateway.metrics.StoreMetrics;
import io.cairn.gateway.notify.NotificationStats;
import io.cairn.object.ErasureObjectService;
import io.cairn.storage.ShardStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Wires metrics, health, the access log and the admin views around one store, in two steps because the
 * object layer sits in between: {@link #meter} wraps the drives before the object layer is built on them,
 * {@link #attach} plugs into the gateway once it exists. Owns the drive probe, the access log writer and
 * the separate metrics listener, and closes them.
 */
public final class Operations implements AutoCloseable {

    private final OpsOptions options;
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final Clock clock;
    private final Consumer<String> accessLogSink;
    private List<ShardStore> drives;
    private List<ShardStore> rawDrives;
    private DriveProbe probe;
    private AccessLog accessLog;
    private OpsServer opsServer;
    private HealJob healJob;
    private AdminInfo adminInfo;
    private KeyRing keyRing = KeyRing.none();
    private ServerSideEncryption encryption;

    public Operations(OpsOptions options, Clock clock) {
        this(options, clock, null);
    }

    /**
     * {@code clock} dates admin info and the drive probe's cached answer; {@code accessLogSink} replaces the
     * access logger (null: the {@value AccessLog#LOGGER} logger).
     */
    public Operations(OpsOptions options, Clock clock, Consumer<String> accessLogSink) {
        this.options = options;
        this.clock = clock;
        this.accessLogSink = accessLogSink;
        JvmMetrics.register(metrics);
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** The key ring and the encryption whose SSE-KMS keys {@code cairn admin kms} manages; call before attach. */
    public void keys(KeyRing ring, ServerSideEncryption sse) {
        this.keyRing = ring;
        this.encryption = sse;
    }

    /** The drives wrapped to count their failures; build the object layer on these. */
    public List<ShardStore> meter(List<ShardStore> rawDrives) {
        this.rawDrives = List.copyOf(rawDrives);
        drives = StoreMetrics.meter(metrics, rawDrives);
        probe = new DriveProbe(drives, options.probeTimeout(), Duration.ofSeconds(1), clock);
        StoreMetrics.registerDrives(metrics, probe);
        return drives;
    }

    /**
     * The gateway hooks for {@code objects}, normally built on {@link #meter}'s drives; without that, drive
     * online and capacity are still probed but drive errors are not counted.
     */
    public GatewayHooks attach(ErasureObjectService objects, RequestVerifier verifier, String rootAccessKey) {
        return attach(objects, verifier, rootAccessKey, null);
    }

    /** As {@link #attach(ErasureObjectService, RequestVerifier, String)} for a gateway with a virtual-host domain. */
    public GatewayHooks attach(ErasureObjectService objects, RequestVerifier verifier, String rootAccessKey,
                               String domain) {
        if (probe == null) {
            // Drives built elsewhere (a cluster's, local and remote): probed, but their failures not counted.
            probe = new DriveProbe(objects.drives(), options.probeTimeout(), Duration.ofSeconds(1), clock);
            StoreMetrics.registerDrives(metrics, probe);
        }
        StoreMetrics.registerErasure(metrics, objects);
        HealthChecks health = new HealthChecks(probe, objects.writeQuorum(), objects.readQuorum());
        OpsRoutes routes = new OpsRoutes(health, metrics, new MetricsAccess(options.metricsToken()),
                adminInfo = new AdminInfo(objects, probe, clock.instant()), healJob = new HealJob(objects),
                new DriveReplacement(rawDrives), verifier, rootAccessKey, clock, domain);
        if (encryption != null) {
            routes.kms(new KmsAdmin(keyRing, encryption, objects));
        }
        RequestObserver observer = options.requestMetrics() ? new RequestMetrics(metrics) : RequestObserver.NONE;
        if (options.accessLog()) {
            accessLog = accessLogSink == null ? new AccessLog(metrics) : new AccessLog(metrics, accessLogSink);
            observer = options.requestMetrics() ? both(observer, accessLog) : accessLog;
        }
        if (options.metricsAddress() != null) {
            opsServer = new OpsServer(options.metricsAddress(), routes);
        }
        return new GatewayHooks(observer, routes);
    }

    /** Shows the lifecycle job's progress in the admin info and status, and exports its counters. */
    public void lifecycle(LifecycleJob job) {
        if (adminInfo != null) {
            adminInfo.section("lifecycle", job::status);
        }
        String[][] counters = {
            {"runs", "cairn_lifecycle_runs_total", "Lifecycle runs finished over every bucket."},
            {"keysScanned", "cairn_lifecycle_keys_scanned_total", "Keys whose versions the lifecycle job evaluated."},
            {"currentVersionsExpired", "cairn_lifecycle_expired_total",
                "Current versions expired by lifecycle rules (removed, or hidden by a delete marker)."},
            {"versionsRemoved", "cairn_lifecycle_versions_removed_total",
                "Noncurrent versions and expired delete markers removed by lifecycle rules."},
            {"uploadsAborted", "cairn_lifecycle_uploads_aborted_total", "Incomplete multipart uploads aborted."},
            {"heldByObjectLock", "cairn_lifecycle_held_total", "Lifecycle changes refused because object lock holds the version."},
            {"errors", "cairn_lifecycle_errors_total", "Lifecycle changes or runs that failed (retried at the next run)."},
        };
        for (String[] c : counters) {
            String field = c[0];
            metrics.describe(c[1], c[2]).functionCounter(
                    () -> ((Number) job.status().getOrDefault(field, 0L)).doubleValue(), c[1]);
        }
    }

    /** Exports how many URN long-polls are waiting, for a gateway that serves the URN endpoints. */
    public void countUrnAwaits(IntSupplier waiting) {
        metrics.describe("cairn_urn_awaits", "Long-polls waiting on /-/urn/await for their upload to commit.")
                .gauge(waiting::getAsInt, "cairn_urn_awaits");
    }

    /** Exports the notification counters and the outbox backlog (docs/OPERATIONS.md, "Metrics"). */
    public void countNotifications(NotificationStats stats) {
        metrics.describe("cairn_notify_backlog", "Events in the notification outbox, not yet delivered.")
                .gauge(stats::backlog, "cairn_notify_backlog");
        metrics.describe("cairn_notify_delivered_total", "Events a notification target acknowledged.")
                .functionCounter(stats::delivered, "cairn_notify_delivered_total");
        metrics.describe("cairn_notify_failed_total", "Notification delivery attempts that failed (retried later).")
                .functionCounter(stats::failed, "cairn_notify_failed_total");
        metrics.describe("cairn_notify_retried_total", "Notification delivery attempts that retried a failed one.")
                .functionCounter(stats::retried, "cairn_notify_retried_total");
        metrics.describe("cairn_notify_dropped_total",
                        "Events not delivered because their target is no longer configured on this server.")
                .functionCounter(stats::dropped, "cairn_notify_dropped_total");
        metrics.describe("cairn_notify_discarded_total",
                        "Outbox entries of writes that never committed, removed undelivered.")
                .functionCounter(stats::discarded, "cairn_notify_discarded_total");
        metrics.describe("cairn_notify_refused_total",
                        "Writes refused with 503 SlowDown because the notification outbox was full.")
                .functionCounter(stats::refused, "cairn_notify_refused_total");
    }

    /** Starts the separate metrics listener, if one is configured; returns its bound address or null. */
    public InetSocketAddress startMetricsListener() throws InterruptedException {
        return opsServer == null ? null : opsServer.start();
    }

    /** The access log, or null when it is off. */
    public AccessLog accessLog() {
        return accessLog;
    }

    private static RequestObserver both(RequestObserver a, RequestObserver b) {
        return new RequestObserver() {
            @Override
            public void started() {
                a.started();
                b.started();
            }

            @Override
            public void finished(RequestRecord record) {
                a.finished(record);
                b.finished(record);
            }

            @Override
            public void acknowledging(RequestRecord record) {
                a.acknowledging(record);
                b.acknowledging(record);
            }
        };
    }

    @Override
    public void close() {
        if (healJob != null) {
            healJob.close();
        }
        if (opsServer != null) {
            opsServer.close();
        }
        if (accessLog != null) {
            accessLog.close();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
