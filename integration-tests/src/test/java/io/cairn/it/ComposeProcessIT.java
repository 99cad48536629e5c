package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.it.ComposeFile.Service;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * docker-compose.yml, started without a container engine: every service's exact command and environment as
 * a local {@code cairn} process on a loopback address of its own, its secrets as files, its volumes as
 * directories (see {@link ComposeProcesses} for what stands for what). Each service must pass its own health
 * check; then objects are written and read back (SHA-256) through every gateway, one service is SIGKILLed,
 * and the others still read everything and take new writes.
 */
class ComposeProcessIT {

    private static final int S3_PORT = 9000;
    private static final int NODE_PORT = 9100;

    @Test
    @Timeout(240)
    void theComposeClusterStartsPassesItsHealthChecksAndServesThroughANodeLoss(@TempDir Path root) throws Exception {
        ComposeFile compose = ComposeFile.read(ComposeProcesses.REPOSITORY.resolve("docker-compose.yml"));
        DockerfileSpec image = DockerfileSpec.read(ComposeProcesses.REPOSITORY.resolve("Dockerfile"));
        String user = "composeadmin";
        String password = HexFormat.of().formatHex(random(16));
        Map<String, String> secrets = Map.of(
                "cairn_cluster_secret", HexFormat.of().formatHex(random(32)),
                "cairn_root_user", user,
                "cairn_root_password", password,
                "cairn_master_key", Base64.getEncoder().encodeToString(random(32)));
        assertThat(compose.secretFiles().keySet()).containsExactlyInAnyOrderElementsOf(secrets.keySet());

        try (ComposeProcesses cluster = new ComposeProcesses(compose, image, root, secrets)) {
            try {
                run(compose, cluster, user, password);
            } catch (Throwable t) {
                // The services' logs are in the temporary directory, gone after the test: show their ends.
                for (String name : compose.services().keySet()) {
                    List<String> lines = cluster.readLog(name).lines().toList();
                    System.out.printf("---- last lines of %s%n%s%n", name,
                            String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                }
                throw t;
            }
            for (String name : compose.services().keySet()) {
                assertThat(cluster.readLog(name)).as("log of %s", name).doesNotContain("LEAK:");
            }
        }
    }

    private static void run(ComposeFile compose, ComposeProcesses cluster, String user, String password)
            throws Exception {
        cluster.checkPortsFree(S3_PORT, NODE_PORT);
        long started = System.nanoTime();
        cluster.startAll();
        for (String name : compose.services().keySet()) {
            cluster.awaitHealthy(name, 120_000);
        }
        System.out.printf("compose services healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);

        Map<String, S3Client> gateways = new LinkedHashMap<>();
        for (Service s : compose.services().values()) {
            gateways.put(s.name(), s3(URI.create("http://" + cluster.address(s.name()) + ":" + containerPort(s)),
                    user, password));
        }
        // The services' logs say they started from the secrets' files: the root user is not the default.
        for (String name : gateways.keySet()) {
            assertThat(cluster.readLog(name)).contains("Cairn S3 endpoint").doesNotContain("DEFAULT CREDENTIALS");
        }

        S3Client first = gateways.values().iterator().next();
        first.createBucket(b -> b.bucket("compose"));
        Map<String, byte[]> objects = new LinkedHashMap<>();
        int[] sizes = {1, 40_000, 2_500_000};
        int n = 0;
        for (Map.Entry<String, S3Client> g : gateways.entrySet()) {
            String key = "via-" + g.getKey() + "/" + n;
            byte[] data = data(sizes[n % sizes.length], n);
            g.getValue().putObject(b -> b.bucket("compose").key(key), RequestBody.fromBytes(data));
            objects.put(key, data);
            n++;
        }
        for (S3Client g : gateways.values()) {
            readAll(g, objects);
        }

        System.out.printf("written and read through every gateway after %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        List<String> names = new ArrayList<>(gateways.keySet());
        String killed = names.get(1);
        cluster.kill(killed);
        S3Client gone = gateways.remove(killed);
        gone.close();
        for (Map.Entry<String, S3Client> g : gateways.entrySet()) {
            readAll(g.getValue(), objects);
            String key = "after-kill-via-" + g.getKey();
            byte[] data = data(300_000 + n, n++);
            g.getValue().putObject(b -> b.bucket("compose").key(key), RequestBody.fromBytes(data));
            objects.put(key, data);
        }
        for (S3Client g : gateways.values()) {
            readAll(g, objects);
            assertThat(g.listObjectsV2(b -> b.bucket("compose")).contents()).hasSize(objects.size());
            g.close();
        }
        System.out.printf("read and written with %s killed after %d ms%n", killed,
                (System.nanoTime() - started) / 1_000_000);
        // Each drive of each node is its own volume, and the store used every one of them.
        for (Service s : compose.services().values()) {
            for (String mountPoint : s.volumeMounts().values()) {
                Path drive = cluster.containerRoot(s.name()).resolve(mountPoint.substring(1));
                assertThat(drive.resolve("compose")).as("bucket on %s of %s", mountPoint, s.name()).isDirectory();
            }
        }
    }

    private static int containerPort(Service s) {
        String address = s.command().get(s.command().indexOf("--address") + 1);
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static void readAll(S3Client s3, Map<String, byte[]> objects) throws Exception {
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
            byte[] got = s3.getObjectAsBytes(b -> b.bucket("compose").key(o.getKey())).asByteArray();
            assertThat(sha256(got)).as(o.getKey()).isEqualTo(sha256(o.getValue()));
        }
    }

    private static S3Client s3(URI endpoint, String user, String password) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(user, password)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] data(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
