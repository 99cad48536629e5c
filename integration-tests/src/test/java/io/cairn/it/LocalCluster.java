package io.cairn.it;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.http.AuthVerifier;
import io.cairn.gateway.http.GatewayConfig;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.http.GatewayHooks;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.object.ErasureObjectService;
import io.cairn.gateway.web.BrowserEndpoints;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A whole single-node store for a test class: real {@link FileShardStore}s in temp directories, the
 * erasure object layer and a {@link GatewayServer} on 127.0.0.1 with an ephemeral port. Hands out AWS SDK
 * clients (path style, us-east-1, root credentials) and lets tests damage drives.
 *
 * <pre>{@code @RegisterExtension static final LocalCluster cluster = new LocalCluster(2, 2);}</pre>
 */
public final class LocalCluster implements BeforeAllCallback, AfterAllCallback {

    public static final String ACCESS_KEY = "itadmin";
    public static final String SECRET_KEY = "it-secret-key-1234";
    public static final String ALT_ACCESS_KEY = "italtuser";
    public static final String ALT_SECRET_KEY = "it-alt-secret-5678";
    static final int STRIPE_SIZE = 256 * 1024;

    private final int dataShards;
    private final int parityShards;
    private final List<S3Client> clients = new ArrayList<>();
    private Path root;
    private ErasureObjectService objects;
    private GatewayServer server;
    private BrowserEndpoints browser;
    /** What the gateway checks signatures and URN reservations against. */
    private final SteppingClock clock = new SteppingClock();
    private InetSocketAddress address;

    public LocalCluster(int dataShards, int parityShards) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("cairn-it-");
        start(0);
    }

    private void start(int port) throws Exception {
        List<ShardStore> drives = new ArrayList<>();
        for (int i = 1; i <= dataShards + parityShards; i++) {
            drives.add(new FileShardStore(Files.createDirectories(drive(i))));
        }
        objects = new ErasureObjectService(drives, new StripeLayout(dataShards, parityShards, STRIPE_SIZE));
        StaticCredentialStore credentials = StaticCredentialStore.fromEnvironment(
                Map.of(StaticCredentialStore.ROOT_USER_ENV, ACCESS_KEY,
                        StaticCredentialStore.ROOT_PASSWORD_ENV, SECRET_KEY), usersFile());
        server = new GatewayServer(GatewayConfig.of("127.0.0.1", port), objects,
                new AuthVerifier(new RequestAuthenticator(credentials, clock, "us-east-1")),
                GatewayHooks.none(), MasterKey.loadOrCreate(masterKeyFile()));
        browser = BrowserEndpoints.install(server, objects, credentials, "us-east-1", clock);
        address = server.start();
    }

    /** A second, ordinary user, for tests of what one user may do to another's buckets. */
    private Path usersFile() throws IOException {
        Path file = root.resolve("users.properties");
        Files.writeString(file, ALT_ACCESS_KEY + " = " + ALT_SECRET_KEY + "\n");
        return file;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.forEach(S3Client::close);
        stop();
        if (root != null) {
            deleteTree(root);
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
        }
        if (objects != null) {
            objects.close();
        }
    }

    /**
     * Stops the gateway and the object layer and starts them again over the same drives and port, as a
     * process restart would; clients handed out before keep working.
     */
    public void restart() throws Exception {
        int port = address.getPort();
        stop();
        start(port);
    }

    /**
     * Moves the gateway's clock forward, for tests of what expires (reservations, presigned URLs); requests
     * signed with the real time stay valid well within the allowed clock skew.
     */
    public void stepClock(Duration d) {
        clock.step(d);
    }

    /** Long-polls waiting on {@code /-/urn/await} right now. */
    public int urnAwaitsWaiting() {
        return browser.urns().waiting();
    }

    /** Deletes a whole drive directory, as if the disk were gone. */
    public void deleteDrive(int i) {
        deleteTree(drive(i));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + address.getPort());
    }

    public int port() {
        return address.getPort();
    }

    /** A client with the SDK's default checksums (CRC32 trailers on uploads, validation on downloads). */
    public S3Client s3() {
        return client(ACCESS_KEY, SECRET_KEY, RequestChecksumCalculation.WHEN_SUPPORTED);
    }

    /** A client of the second user, with the SDK's default checksums. */
    public S3Client s3Alt() {
        return client(ALT_ACCESS_KEY, ALT_SECRET_KEY, RequestChecksumCalculation.WHEN_SUPPORTED);
    }

    /** A client that sends checksums only where an operation requires one. */
    public S3Client s3WhenRequired() {
        return client(ACCESS_KEY, SECRET_KEY, RequestChecksumCalculation.WHEN_REQUIRED);
    }

    public S3Client client(String accessKey, String secretKey, RequestChecksumCalculation checksums) {
        S3Client c = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(checksums)
                .responseChecksumValidation(checksums == RequestChecksumCalculation.WHEN_SUPPORTED
                        ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().build())
                .build();
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** The key file the store's master key lives in (created at first start, as the server does). */
    public Path masterKeyFile() {
        return root.resolve(MasterKey.FILE_NAME);
    }

    /** The directory of drive {@code i} (1-based). */
    public Path drive(int i) {
        return root.resolve("d" + i);
    }

    /** Removes everything a drive holds for {@code bucket}, as if the disk had been replaced. */
    public void wipeBucketOnDrive(int i, String bucket) {
        try (Stream<Path> s = Files.walk(drive(i))) {
            s.filter(p -> p.getFileName().toString().equals(bucket) && Files.isDirectory(p))
                    .toList().forEach(LocalCluster::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips bytes in the middle of every shard data file on drive {@code i} under {@code bucket}. */
    public int corruptShards(int i, String bucket) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(drive(i))) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/" + bucket + "/"))
                    .filter(p -> p.getFileName().toString().startsWith("part."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            try {
                byte[] b = Files.readAllBytes(f);
                if (b.length > 0) {
                    b[b.length / 2] ^= (byte) 0xff;
                    Files.write(f, b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files.size();
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
