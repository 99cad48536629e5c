package io.cairn.it;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.admin.Operations;
import io.cairn.gateway.admin.OpsOptions;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.http.AuthVerifier;
import io.cairn.gateway.http.GatewayConfig;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.RotatingPlacement;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A single-node store wired as {@code cairn server} wires it, with operations on: metered drives, metrics
 * behind a bearer token on the S3 port, a separate metrics listener, health, and an access log captured
 * in memory.
 */
final class OpsStore implements AutoCloseable {

    static final String METRICS_TOKEN = "it-metrics-token-5b1f";

    final Path root;
    /** The clock of the operations side: stepping it ends the drive probe's one-second cache. */
    final SteppingClock clock = new SteppingClock();
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    final Operations ops;
    final ErasureObjectService objects;
    final GatewayServer server;
    final InetSocketAddress address;
    final InetSocketAddress metricsAddress;
    private final List<ShardStore> drives;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<S3Client> clients = new ArrayList<>();

    OpsStore(int k, int m) throws Exception {
        root = Files.createTempDirectory("cairn-ops-it-");
        List<ShardStore> raw = new ArrayList<>();
        for (int i = 1; i <= k + m; i++) {
            raw.add(new FileShardStore(Files.createDirectories(drive(i))));
        }
        ops = new Operations(OpsOptions.defaults().withMetricsToken(METRICS_TOKEN)
                .withMetricsAddress(InetSocketAddress.createUnresolved("127.0.0.1", 0)),
                clock, accessLog::add);
        drives = ops.meter(raw);
        objects = new ErasureObjectService(drives, new StripeLayout(k, m, LocalCluster.STRIPE_SIZE));
        StaticCredentialStore credentials = StaticCredentialStore.fromEnvironment(
                Map.of(StaticCredentialStore.ROOT_USER_ENV, LocalCluster.ACCESS_KEY,
                        StaticCredentialStore.ROOT_PASSWORD_ENV, LocalCluster.SECRET_KEY), null);
        AuthVerifier verifier = new AuthVerifier(new RequestAuthenticator(credentials, Clock.systemUTC(), "us-east-1"));
        server = new GatewayServer(GatewayConfig.of("127.0.0.1", 0), objects, verifier,
                ops.attach(objects, verifier, LocalCluster.ACCESS_KEY));
        address = server.start();
        metricsAddress = ops.startMetricsListener();
    }

    Path drive(int i) {
        return root.resolve("d" + i);
    }

    /** 1-based index of the drive holding data shard 0 of {@code bucket/key}. */
    int firstDataDrive(String bucket, String key) {
        ShardStore first = new RotatingPlacement(drives).placement(bucket, key).get(0);
        return drives.indexOf(first) + 1;
    }

    /** Moves a drive's directory away (the disk is gone) or back. */
    void unplug(int i) throws IOException {
        Files.move(drive(i), root.resolve("unplugged-d" + i));
    }

    void plugBack(int i) throws IOException {
        Files.move(root.resolve("unplugged-d" + i), drive(i));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + address.getPort());
    }

    S3Client s3() {
        S3Client c = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().build())
                .build();
        clients.add(c);
        return c;
    }

    HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return get(endpoint().resolve(path), headers);
    }

    /** A scrape of /-/metrics once no S3 request is in flight (their metrics are recorded at the end). */
    Map<String, Double> scrape() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> r = get("/-/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
            if (r.statusCode() != 200) {
                throw new AssertionError("scrape answered " + r.statusCode() + ": " + r.body());
            }
            Map<String, Double> samples = PrometheusParser.parse(r.body());
            if (samples.get("cairn_s3_requests_in_flight") == 0 || System.nanoTime() > deadline) {
                return samples;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
        server.close();
        ops.close();
        objects.close();
        LocalCluster.deleteTree(root);
    }
}
