package io.cairn.it;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.http.AuthVerifier;
import io.cairn.gateway.http.GatewayConfig;
import io.cairn.gateway.http.GatewayHooks;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.gateway.web.BrowserEndpoints;
import io.cairn.object.ErasureObjectService;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A store on 127.0.0.1 (four drives in a temporary directory, 2+2) with a root user and the users of a users
 * file, its browser endpoints installed: what the access tests run against.
 */
final class UsersStore implements AutoCloseable {

    final Path dir;
    final ErasureObjectService objects;
    final GatewayServer server;
    final URI endpoint;
    private final List<S3Client> clients = new ArrayList<>();

    /** {@code usersFile}: the users file's lines ({@code accessKey = secret[, name]}). */
    UsersStore(String name, String root, String rootSecret, String usersFile) throws Exception {
        dir = Files.createTempDirectory("cairn-" + name + "-it-");
        List<ShardStore> drives = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            drives.add(new FileShardStore(Files.createDirectories(dir.resolve("d" + i))));
        }
        objects = new ErasureObjectService(drives, new StripeLayout(2, 2, 64 * 1024));
        Path users = dir.resolve("users.properties");
        Files.writeString(users, usersFile);
        StaticCredentialStore credentials = StaticCredentialStore.fromEnvironment(Map.of(
                StaticCredentialStore.ROOT_USER_ENV, root, StaticCredentialStore.ROOT_PASSWORD_ENV, rootSecret),
                users);
        server = new GatewayServer(GatewayConfig.of("127.0.0.1", 0), objects,
                new AuthVerifier(new RequestAuthenticator(credentials, Clock.systemUTC(), "us-east-1")),
                GatewayHooks.none(), MasterKey.loadOrCreate(dir.resolve(MasterKey.FILE_NAME)));
        BrowserEndpoints.install(server, objects, credentials, "us-east-1");
        endpoint = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    /** An SDK client signing as {@code accessKey}, closed with the store. */
    S3Client client(String accessKey, String secretKey) {
        S3Client c = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(ApacheHttpClient.builder().build()).build();
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
        server.close();
        objects.close();
        LocalCluster.deleteTree(dir);
    }
}
