package io.cairn.cli;

import io.cairn.cluster.ClusterRuntime;
import io.cairn.cluster.ClusterSecret;
import io.cairn.erasure.ReedSolomon;
import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.admin.Operations;
import io.cairn.gateway.admin.OpsOptions;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.crypto.KeyRing;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.gateway.http.AuthVerifier;
import io.cairn.gateway.http.GatewayConfig;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.gateway.http.PublicEndpoint;
import io.cairn.gateway.lifecycle.LifecycleJob;
import io.cairn.gateway.notify.NotificationTargets;
import io.cairn.gateway.notify.Notifications;
import io.cairn.gateway.web.BrowserEndpoints;
import io.cairn.object.ErasureObjectService;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.tls.ServerTls;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn server}: the S3 gateway over local drives in one process, or with {@code --peers} one process of
 * a cluster (gateway plus storage node, or a gateway only without {@code --node-id}); stops cleanly on SIGTERM.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start a store: the S3 gateway over local drives, or with --peers one process of a cluster.",
        footer = {"",
                "Every option can also be set by an environment variable CAIRN_<OPTION> (--stripe-size is"
                        + " CAIRN_STRIPE_SIZE) or by a line 'option = value' (stripe-size = 1MiB) in the --config file.",
                "Precedence: flag > environment variable > config file > built-in default. Defaults shown above"
                        + " already include the environment and the file.",
                "Root credentials come from CAIRN_ROOT_USER and CAIRN_ROOT_PASSWORD only, or from the files that"
                        + " CAIRN_ROOT_USER_FILE and CAIRN_ROOT_PASSWORD_FILE name (as every CAIRN_*_FILE of a secret)."})
final class ServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--address", defaultValue = "127.0.0.1:9000", description = "HOST:PORT to listen on (${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--data", defaultValue = "./data", description = "Directory holding drives d1..dN (${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--drives", defaultValue = "4", description = "Number of drives under --data (${DEFAULT-VALUE}).")
    int driveCount;

    @Option(names = "--scheme", description = "Erasure scheme K+M (single node: 2+2; cluster: chosen by size).")
    String scheme;

    @Option(names = "--stripe-size", defaultValue = "1MiB", description = "Stripe size (${DEFAULT-VALUE}).")
    String stripeSize;

    @Option(names = "--domain", description = "Domain for virtual-host addressing (bucket.DOMAIN).")
    String domain;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region name (${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--users-file", description = "Extra users (JSON or properties).")
    Path usersFile;

    @Mixin
    S3EndpointOptions endpoint = new S3EndpointOptions();

    @ArgGroup(exclusive = false, heading = "Cluster mode:%n")
    ClusterOptions cluster;

    @Mixin
    NodeTlsOptions nodeTls = new NodeTlsOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file of 'option = value' lines (or CAIRN_CONFIG).")
    Path configFile;

    @Option(names = "--metrics", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Count every S3 request for /metrics (${DEFAULT-VALUE}); drive, erasure and JVM metrics"
                    + " are always there.")
    boolean requestMetrics;

    @Option(names = "--heal-interval", defaultValue = "24h", paramLabel = "DURATION",
            description = "Verify and repair every object this often in the background, 0 to turn off"
                    + " (${DEFAULT-VALUE}).")
    String healInterval;

    @Option(names = "--heal-rate", defaultValue = "20", paramLabel = "OBJECTS",
            description = "Objects a second the background heal verifies at most (${DEFAULT-VALUE}).")
    double healRate;

    @Option(names = "--lifecycle-interval", defaultValue = "1h", paramLabel = "DURATION",
            description = "Apply the buckets' lifecycle rules this often, 0 to turn off (${DEFAULT-VALUE}).")
    String lifecycleInterval;

    @Option(names = "--lifecycle-rate", defaultValue = "100", paramLabel = "CHANGES",
            description = "Lifecycle changes (expirations, removals, aborts) a second at most (${DEFAULT-VALUE}).")
    double lifecycleRate;

    @Option(names = "--lifecycle-day", defaultValue = "24h", paramLabel = "DURATION", hidden = true,
            description = "The length of a lifecycle rule's day; shorter only for tests (${DEFAULT-VALUE}).")
    String lifecycleDay;

    @Mixin
    AccessLogOptions accessLog;

    @Mixin
    LogOptions logging;

    @Option(names = "--metrics-token", paramLabel = "TOKEN",
            description = "Serve /-/metrics on the S3 port to 'Authorization: Bearer TOKEN' (unset: not served"
                    + " there). Prefer the environment variable: flags show in ps.")
    String metricsToken;

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT",
            description = "Separate listener for /metrics and /health/* without authentication, for a private"
                    + " interface (unset: none).")
    String metricsAddress;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The SSE-S3 master key (base64 of 32 bytes), or CAIRN_MASTER_KEY. Single node: created on"
                    + " first start (default DATA/master.key; keep it apart from the data to keep them apart);"
                    + " cluster: required, the same file on every gateway, never created.")
    Path masterKeyFile;

    @Option(names = "--master-key-from-cluster-secret", arity = "0..1", defaultValue = "false",
            paramLabel = "true|false",
            description = "Clusters whose objects were encrypted before the master key became its own setting:"
                    + " derive it from the cluster secret as then (the secret then cannot rotate).")
    boolean masterKeyFromClusterSecret;

    @Option(names = "--kms-dir", paramLabel = "DIR",
            description = "The SSE-KMS key ring, a directory apart from the drives (single node default:"
                    + " DATA/kms; cluster: unset means no SSE-KMS, and every gateway must see the same directory).")
    Path kmsDir;

    @Option(names = "--notify-webhook", paramLabel = "ID=URL[,token=T|,token-file=F|,hmac-secret-file=F]",
            description = "A bucket notification target: events POSTed as S3 event JSON to URL, with a bearer token or"
                    + " an HMAC-SHA256 signature of the body (X-Cairn-Signature); buckets name it"
                    + " arn:cairn:sqs::ID:webhook. Repeatable.")
    List<String> notifyWebhooks = new ArrayList<>();

    @Option(names = "--notify-kafka", paramLabel = "ID=HOST:PORT[,HOST:PORT...]/TOPIC",
            description = "A bucket notification target: events as records of TOPIC keyed by bucket/key (acks=all,"
                    + " idempotent producer); buckets name it arn:cairn:sqs::ID:kafka. Repeatable.")
    List<String> notifyKafka = new ArrayList<>();

    @Option(names = "--notify-queue-limit", defaultValue = "100000", paramLabel = "EVENTS",
            description = "Undelivered events the notification outbox may hold; at the limit, writes that would add"
                    + " one are refused with 503 SlowDown rather than made without their event (${DEFAULT-VALUE}).")
    long notifyQueueLimit;

    @Parameters(arity = "0..*", paramLabel = "DRIVE", description = "Explicit drive directories (instead of --data/--drives).")
    List<Path> driveDirs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        LogSetup.apply(logging, accessLog.file());
        Map<String, String> env = SecretEnvironment.current();
        StaticCredentialStore credentials = StaticCredentialStore.fromEnvironment(env, usersFile);
        if (credentials.usingDefaults()) {
            LOG.warn("!!! DEFAULT CREDENTIALS IN USE: access key and secret are '{}'. Anyone who can reach this"
                            + " server can read and write everything. Set {} and {}. !!!",
                    StaticCredentialStore.DEFAULT_ROOT, StaticCredentialStore.ROOT_USER_ENV,
                    StaticCredentialStore.ROOT_PASSWORD_ENV);
        }
        InetSocketAddress listen = Addresses.parse(address);
        // TLS files and URL settings are checked before any drive is opened: a typo stops the start at once.
        ServerTls tls = endpoint.tls();
        PublicEndpoint publicEndpoint = endpoint.publicEndpoint();
        if (cluster == null && nodeTls.files() != null) {
            throw new IllegalArgumentException("--node-tls-cert, --node-tls-key and --node-tls-ca secure the node"
                    + " protocol between the processes of a cluster: they need --peers");
        }
        NotificationTargets notifyTargets = NotificationTargets.parse(notifyWebhooks, notifyKafka);
        Operations ops = new Operations(OpsOptions.defaults().withRequestMetrics(requestMetrics).withAccessLog(accessLog.enabled()).withMetricsToken(metricsToken)
                .withMetricsAddress(metricsAddress == null ? null : Addresses.parse(metricsAddress, "--metrics-address")),
                Clock.systemUTC());
        ErasureObjectService objects;
        AutoCloseable backend;
        String description;
        if (cluster != null) {
            ClusterRuntime runtime = cluster.start(this);
            objects = runtime.objects();
            backend = runtime;
            description = "cluster epoch " + runtime.map().epoch() + " of " + runtime.map().nodes().size() + " nodes";
        } else {
            List<Path> drives = drivePaths();
            StripeLayout layout = layout(drives.size());
            List<ShardStore> stores = new ArrayList<>();
            for (Path d : drives) {
                stores.add(new FileShardStore(FileShardStore.createDriveDir(d)));
            }
            objects = new ErasureObjectService(ops.meter(stores), layout);
            backend = objects;
            description = drives.size() + " drives " + drives;
        }
        Duration healEvery = ClusterOptions.durationOf("--heal-interval", healInterval);
        if (!healEvery.isZero()) {
            objects.startBackgroundHeal(healEvery, healRate);
        }
        GatewayConfig config = GatewayConfig.of(listen.getHostString(), listen.getPort())
                .withDomain(domain).withRegion(region).withTls(tls).withPublicEndpoint(publicEndpoint);
        AuthVerifier verifier = new AuthVerifier(new RequestAuthenticator(credentials, Clock.systemUTC(), region));
        KeyRing keyRing = kmsDir != null ? KeyRing.open(kmsDir) : cluster == null ? KeyRing.open(data.resolve("kms"))
                : KeyRing.none();
        ServerSideEncryption sse = new ServerSideEncryption(masterKey(env), keyRing);
        ops.keys(keyRing, sse);
        // The outbox hook is on the object layer before the first write is served.
        Notifications notifications = new Notifications(objects, notifyTargets, region,
                Notifications.Settings.defaults().withQueueLimit(notifyQueueLimit));
        ops.countNotifications(notifications.stats());
        GatewayServer server = new GatewayServer(config, objects, verifier,
                ops.attach(objects, verifier, credentials.rootAccessKey(), domain), sse, notifications);
        ops.countUrnAwaits(BrowserEndpoints.install(server, objects, credentials, region, Clock.systemUTC())
                .urns()::waiting);
        Duration lifecycleEvery = ClusterOptions.durationOf("--lifecycle-interval", lifecycleInterval);
        LifecycleJob lifecycle = null;
        if (!lifecycleEvery.isZero()) {
            lifecycle = new LifecycleJob(objects, Clock.systemUTC(),
                    ClusterOptions.durationOf("--lifecycle-day", lifecycleDay), lifecycleRate);
            ops.lifecycle(lifecycle);
        }
        InetSocketAddress bound;
        try {
            notifications.start();
            bound = server.start();
            ops.startMetricsListener();
        } catch (Exception e) {
            server.close();
            notifications.close();
            ops.close();
            backend.close();
            throw e;
        }
        if (lifecycle != null) {
            lifecycle.start(lifecycleEvery);
        }
        LifecycleJob lifecycleJob = lifecycle;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in flight");
            if (lifecycleJob != null) {
                lifecycleJob.close();
            }
            server.close();
            notifications.close();
            ops.close();
            try {
                backend.close();
            } catch (Exception e) {
                LOG.warn("error while stopping", e);
            }
            stopped.countDown();
        }, "cairn-shutdown"));
        StripeLayout layout = objects.layout();
        ReedSolomon codec = ReedSolomon.create(layout.dataShards(), layout.parityShards());
        if (codec.kernel() == ReedSolomon.Kernel.VECTOR) {
            LOG.info("Reed-Solomon kernel: {}", codec.kernelDescription());
        } else {
            LOG.info("Reed-Solomon kernel: {} (this JVM lacks the Vector API module; start it with --add-modules"
                    + " jdk.incubator.vector, as ./cairn does, for the faster vector kernel)", codec.kernelDescription());
        }
        LOG.info("Cairn S3 endpoint {}://{}:{} region {}, {}, scheme {}+{}, stripe {} bytes", config.scheme(),
                bound.getHostString(), bound.getPort(), region, description, layout.dataShards(),
                layout.parityShards(), layout.stripeSize());
        stopped.await();
        return 0;
    }

    /**
     * The SSE-S3 master key: every gateway of a cluster must decrypt what any other encrypted, so a cluster
     * takes it from CAIRN_MASTER_KEY or a file it is given, never from the cluster secret (rotating that secret
     * must not make objects unreadable) unless asked to, for clusters that used it before.
     */
    MasterKey masterKey(Map<String, String> env) {
        if (cluster == null) {
            return MasterKey.configured(env, masterKeyFile != null ? masterKeyFile
                    : data.resolve(MasterKey.FILE_NAME), true);
        }
        if (masterKeyFromClusterSecret) {
            LOG.warn("the master key is derived from the cluster secret (--master-key-from-cluster-secret): the"
                    + " secret cannot be rotated while encrypted objects exist");
            return MasterKey.fromClusterSecret(ClusterSecret.load(env, cluster.secretFile));
        }
        return MasterKey.configured(env, masterKeyFile, false);
    }

    List<Path> drivePaths() {
        if (!driveDirs.isEmpty()) {
            return driveDirs;
        }
        if (driveCount < 1) {
            throw new IllegalArgumentException("--drives must be at least 1");
        }
        List<Path> drives = new ArrayList<>();
        for (int i = 1; i <= driveCount; i++) {
            drives.add(data.resolve("d" + i));
        }
        return drives;
    }

    int stripeBytes() {
        long stripe = Sizes.parse(stripeSize);
        if (stripe > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--stripe-size too large: " + stripeSize);
        }
        return (int) stripe;
    }

    private StripeLayout layout(int drives) {
        if (scheme == null) {
            scheme = "2+2";
        }
        String[] km = scheme.split("\\+");
        int k;
        int m;
        try {
            k = Integer.parseInt(km[0].trim());
            m = Integer.parseInt(km[1].trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--scheme must be K+M, e.g. 2+2: " + scheme);
        }
        if (km.length != 2 || k < 1 || m < 1) {
            throw new IllegalArgumentException("--scheme needs K >= 1 data and M >= 1 parity shards: " + scheme);
        }
        if (k + m != drives) {
            throw new IllegalArgumentException("scheme " + scheme + " needs " + (k + m) + " drives, got " + drives);
        }
        return new StripeLayout(k, m, stripeBytes());
    }
}
