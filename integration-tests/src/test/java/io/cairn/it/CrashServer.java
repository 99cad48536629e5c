package io.cairn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * One single-node {@code cairn server} process (4 drives, 2+2) on 127.0.0.1 that a test kills with SIGKILL and
 * starts again on the same port and drives, any number of times. Its output, every start appended, goes to one
 * log file next to the drives.
 */
final class CrashServer implements AutoCloseable {

    private final Path root;
    private final Path dataDir;
    private final int port;
    private final List<String> extraArguments;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    /** {@code extraArguments} follow the usual ones; {@code environment} is added to the process's. */
    CrashServer(List<String> extraArguments, Map<String, String> environment) throws IOException {
        this(null, extraArguments, environment);
    }

    /** {@code dataDir}: where the drives live instead of next to the log (a test file system); null for there. */
    CrashServer(Path dataDir, List<String> extraArguments, Map<String, String> environment) throws IOException {
        this.root = Files.createTempDirectory("cairn-crash-it-");
        this.dataDir = dataDir == null ? root.resolve("data") : dataDir;
        this.port = ProcessCluster.freePort();
        this.extraArguments = List.copyOf(extraArguments);
        this.environment = Map.copyOf(environment);
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return root.resolve("server.log");
    }

    Path root() {
        return root;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the process and waits until it serves S3; the previous one must be dead. */
    void start() throws Exception {
        start(Map.of());
    }

    /** Starts the process with {@code env} on top of the server's environment. */
    void start(Map<String, String> env) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ProcessCluster.NODE_JVM_FLAGS);
        // A process that lives a few seconds: the quick JIT tier only, and the scalar codec (without the Vector API
        // module), which is fast at once where the vector one is slow until the optimising compiler reaches it.
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        // -Dcrash.jar: a copy of the binary, so that a long run is not disturbed by a build meanwhile
        Path jar = Path.of(System.getProperty("crash.jar", Path.of("..", "cli", "target", "cairn.jar").toString()));
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessCluster.MAIN));
        }
        command.addAll(List.of("server", "--address", "127.0.0.1:" + port, "--data", dataDir().toString(),
                "--drives", "4", "--scheme", "2+2"));
        command.addAll(extraArguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.environment().put("CAIRN_ROOT_USER", ProcessCluster.ACCESS_KEY);
        pb.environment().put("CAIRN_ROOT_PASSWORD", ProcessCluster.SECRET_KEY);
        pb.environment().putAll(environment);
        pb.environment().putAll(env);
        Files.writeString(log(), "---- start " + (starts + 1) + " ----\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
        starts++;
        awaitServing();
    }

    private void awaitServing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countOf(readLog(), "Cairn S3 endpoint") < starts) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited " + process.exitValue() + ":\n" + tail(4000));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("the server did not start within 60 s:\n" + tail(4000));
            }
            Thread.sleep(50);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, as when the process is killed by the OOM killer. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not die within 20 s of SIGKILL");
            }
        }
    }

    /** Waits up to {@code timeout} for the process to exit by itself (a crash point halts it). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String readLog() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int chars) {
        String log = readLog();
        return log.length() <= chars ? log : log.substring(log.length() - chars);
    }

    /**
     * A client that never retries (a request that fails is reported, so the test knows it is uncertain) and
     * keeps no connection across a kill: make a new one after every restart.
     */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ProcessCluster.ACCESS_KEY, ProcessCluster.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(120)))
                .httpClient(ApacheHttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    private static int countOf(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    /** Kills the process; removes its log (and its drives, when they are next to it) unless {@code keep}. */
    void close(boolean keep) {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!keep) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
