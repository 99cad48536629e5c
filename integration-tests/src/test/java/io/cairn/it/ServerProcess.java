package io.cairn.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** One single-node {@code cairn server} as its own process, started from the shaded jar like an operator would. */
final class ServerProcess implements AutoCloseable {

    final Path data;
    private final int port;
    private final Path log;
    private final Process process;
    private final List<S3Client> clients = new ArrayList<>();

    private ServerProcess(Path data, int port, Path log, Process process) {
        this.data = data;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code cairn server --data DATA} with {@code args} and {@code env}; returns once it is ready. */
    static ServerProcess start(Path data, Map<String, String> env, String... args) throws Exception {
        int port = ProcessCluster.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector"));
        Path jar = Path.of("..", "cli", "target", "cairn.jar");
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cairn.cli.CairnCommand"));
        }
        cmd.addAll(List.of("server", "--data", data.toString(), "--address", "127.0.0.1:" + port));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("cairn-server-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CAIRN_ROOT_USER", LocalCluster.ACCESS_KEY);
        pb.environment().put("CAIRN_ROOT_PASSWORD", LocalCluster.SECRET_KEY);
        pb.environment().putAll(env);
        ServerProcess server = new ServerProcess(data, port, log, pb.start());
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/-/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready within 60 s:\n" + output());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    S3Client s3() {
        S3Client c = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(ApacheHttpClient.builder().build())
                .build();
        clients.add(c);
        return c;
    }

    /** {@code cairn ARGS} against this server, signed by the root user. */
    CairnCli.Result cli(String... args) throws Exception {
        return CairnCli.run(endpoint(), LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY, args);
    }

    @Override
    public void close() throws Exception {
        clients.forEach(S3Client::close);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
