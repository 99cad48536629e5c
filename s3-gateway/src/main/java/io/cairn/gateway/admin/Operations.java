package io.cairn.gateway.admin;

import io.cairn.gateway.health.DriveProbe;
import io.cairn.gateway.health.HealthChecks;
import io.cairn.gateway.http.GatewayHooks;
import io.cairn.gateway.http.RequestObserver;
import io.cairn.gateway.http.RequestRecord;
import io.cairn.gateway.http.RequestVerifier;
import io.cairn.gateway.metrics.AccessLog;
import io.cairn.gateway.metrics.JvmMetrics;
import io.cairn.gateway.metrics.MetricsRegistry;
import io.cairn.gateway.metrics.RequestMetrics;
import io.cairn.gateway.metrics.StoreMetrics;
import io.cairn.object.ErasureObjectService;
import io.cairn.storage.ShardStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

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
    private DriveProbe probe;
    private AccessLog accessLog;
    private OpsServer opsServer;
    private HealJob healJob;

    public Operations(OpsOptions options, Clock clock) {
        this(options, clock, null);
    }

    /** {@code accessLogSink} replaces the access logger (null: the {@value AccessLog#LOGGER} logger). */
    public Operations(OpsOptions options, Clock clock, Consumer<String> accessLogSink) {
        this.options = options;
        this.clock = clock;
        this.accessLogSink = accessLogSink;
        JvmMetrics.register(metrics);
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** The drives wrapped to count their failures; build the object layer on these. */
    public List<ShardStore> meter(List<ShardStore> rawDrives) {
        drives = StoreMetrics.meter(metrics, rawDrives);
        probe = new DriveProbe(drives, options.probeTimeout(), Duration.ofSeconds(1));
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
            probe = new DriveProbe(objects.drives(), options.probeTimeout(), Duration.ofSeconds(1));
            StoreMetrics.registerDrives(metrics, probe);
        }
        StoreMetrics.registerErasure(metrics, objects);
        HealthChecks health = new HealthChecks(probe, objects.writeQuorum(), objects.readQuorum());
        OpsRoutes routes = new OpsRoutes(health, metrics, new MetricsAccess(options.metricsToken()),
                new AdminInfo(objects, probe, clock.instant()), healJob = new HealJob(objects), verifier, rootAccessKey,
                clock, domain);
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
