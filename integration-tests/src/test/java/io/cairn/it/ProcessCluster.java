package io.cairn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * A cluster of separate {@code cairn server --peers ...} processes on 127.0.0.1: each one gateway plus storage
 * node with its own temp drives and two ephemeral ports (S3 and node protocol). Runs the shaded jar the build
 * made ({@code cli/target/cairn.jar}), else the main class on this JVM's class path. Nodes can be killed
 * (SIGKILL) and restarted on the same ports and drives.
 */
final class ProcessCluster implements AutoCloseable {

    static final String SECRET = "it-cluster-secret-0123456789";
    static final String ACCESS_KEY = "itadmin";
    static final String SECRET_KEY = "it-secret-key-1234";
    /** Every node serves {@code /-/metrics} on its S3 port to this token. */
    static final String METRICS_TOKEN = "it-cluster-metrics-7c2e";
    static final String MAIN = "io.cairn.cli.CairnCommand";
    /** The JVM flags the launcher and the container use for every node. */
    static final List<String> NODE_JVM_FLAGS = List.of("-Djdk.nio.maxCachedBufferSize=262144");

    private final Path root;
    private final int drivesPerNode;
    private final List<String> extraArguments;
    private final boolean optimizingJit;
    private final List<Integer> s3Ports = new ArrayList<>();
    private final List<Integer> nodePorts = new ArrayList<>();
    private final Process[] processes;
    private final List<S3Client> clients = new ArrayList<>();

    ProcessCluster(int nodes, int drivesPerNode) throws IOException {
        this(nodes, drivesPerNode, List.of(), false);
    }

    /**
     * A cluster whose nodes all get {@code extraArguments} (e.g. {@code --scheme 4+2}) after the usual ones.
     * Nodes normally run with the quick-starting JIT tier only; {@code optimizingJit} lets them reach the
     * optimising compiler, which the codec's vector kernels need to be fast: for tests that move hundreds of MiB.
     */
    ProcessCluster(int nodes, int drivesPerNode, List<String> extraArguments, boolean optimizingJit)
            throws IOException {
        this.root = Files.createTempDirectory("cairn-cluster-it-");
        this.drivesPerNode = drivesPerNode;
        this.extraArguments = List.copyOf(extraArguments);
        this.optimizingJit = optimizingJit;
        this.processes = new Process[nodes];
        for (int i = 0; i < nodes; i++) {
            s3Ports.add(freePort());
            nodePorts.add(freePort());
        }
    }

    /**
     * A port that is free now, for a process started later (or restarted after a kill). Taken below Linux's
     * ephemeral range (32768-60999 by default): ports there are handed to every outgoing connection and every
     * bind to port 0 in the meantime, so a reserved one could be gone when its process binds it.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = PORTS_FROM + RANDOM.nextInt(PORTS_TO - PORTS_FROM);
            if (!HANDED_OUT.add(port)) {
                continue; // reserved for another process of this test run, which may not have bound it yet
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in [" + PORTS_FROM + ", " + PORTS_TO + ")");
    }

    private static final int PORTS_FROM = 20_000;
    private static final int PORTS_TO = 32_000;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    String peers() {
        return String.join(",", nodePorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /** The {@code cairn} arguments of node {@code i} (from 1): the same form as the container's command. */
    List<String> arguments(int i) {
        List<String> args = new ArrayList<>(List.of("server", "--address", "127.0.0.1:" + s3Ports.get(i - 1),
                "--peers", peers(), "--node-id", "node" + i, "--data", dataDir(i).toString(),
                "--drives", Integer.toString(drivesPerNode), "--stripe-size", "256KiB", "--drive-timeout", "5s",
                "--startup-wait", "20s"));
        args.addAll(extraArguments);
        return args;
    }

    Path dataDir(int i) {
        return root.resolve("node" + i);
    }

    Path log(int i) {
        return root.resolve("node" + i + ".log");
    }

    /** Starts every node at once and waits until each serves S3. */
    void startAll() throws Exception {
        for (int i = 1; i <= processes.length; i++) {
            launch(i, arguments(i), Map.of(SECRET_ENV, SECRET));
        }
        for (int i = 1; i <= processes.length; i++) {
            awaitReady(i);
        }
    }

    static final String SECRET_ENV = "CAIRN_CLUSTER_SECRET";
    static final String MASTER_KEY = "Y2Fpcm4tdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

    Process launch(int i, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NODE_JVM_FLAGS);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-Dio.netty.leakDetection.level=paranoid", "--add-modules", "jdk.incubator.vector"));
        if (!optimizingJit) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        Path jar = Path.of("..", "cli", "target", "cairn.jar");
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        }
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()));
        pb.environment().remove(SECRET_ENV);
        pb.environment().put("CAIRN_ROOT_USER", ACCESS_KEY);
        pb.environment().put("CAIRN_ROOT_PASSWORD", SECRET_KEY);
        pb.environment().put("CAIRN_METRICS_TOKEN", METRICS_TOKEN);
        // Every gateway of a cluster shares the SSE master key (never derived from the cluster secret).
        pb.environment().put("CAIRN_MASTER_KEY", MASTER_KEY);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (i >= 1 && i <= processes.length) {
            processes[i - 1] = p;
            startCounts.merge(i, 1, Integer::sum);
        }
        return p;
    }

    /** Waits until the process logging to {@code log(i)} serves S3 (for processes outside the node list). */
    void awaitServing(int i, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!readLog(i).contains("Cairn S3 endpoint")) {
            if (!p.isAlive() || System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("process " + i + " did not start:\n" + readLog(i));
            }
            Thread.sleep(100);
        }
    }

    private void awaitReady(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            String log = readLog(i);
            if (countOf(log, "Cairn S3 endpoint") >= starts(i)) {
                return;
            }
            if (!processes[i - 1].isAlive()) {
                throw new IllegalStateException("node " + i + " exited " + processes[i - 1].exitValue() + ":\n" + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + i + " not ready within 60 s:\n" + readLog(i));
    }

    private final Map<Integer, Integer> startCounts = new ConcurrentHashMap<>();

    private int starts(int i) {
        return startCounts.getOrDefault(i, 0);
    }

    String readLog(int i) {
        try {
            return Files.exists(log(i)) ? Files.readString(log(i), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countOf(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    /** SIGKILL: no shutdown hook runs, as when a machine dies. */
    void kill(int i) throws InterruptedException {
        Process p = processes[i - 1];
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends a signal to node {@code i}'s process: STOP hangs it (sockets stay open), CONT resumes it. */
    void signal(int i, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(processes[i - 1].pid()))
                .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    /** Starts killed nodes again on their ports and drives: all at once, as each waits for its peers. */
    void restart(int... nodes) throws Exception {
        for (int i : nodes) {
            launch(i, arguments(i), Map.of(SECRET_ENV, SECRET));
        }
        for (int i : nodes) {
            awaitReady(i);
        }
    }

    int nodePort(int i) {
        return nodePorts.get(i - 1);
    }

    URI endpoint(int i) {
        return URI.create("http://127.0.0.1:" + s3Ports.get(i - 1));
    }

    /** One series of node {@code i}'s {@code /-/metrics} now (0 when it has none yet). */
    double metric(int i, String series) {
        HttpRequest request = HttpRequest.newBuilder(endpoint(i).resolve("/-/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).timeout(java.time.Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = METRICS_HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("metrics of node " + i + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return PrometheusParser.parse(r.body()).getOrDefault(series, 0.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient METRICS_HTTP = HttpClient.newHttpClient();

    /** An SDK client of node {@code i}'s gateway that does not retry, so a 503 reaches the test. */
    S3Client s3(int i) {
        return s3(endpoint(i));
    }

    S3Client s3(URI endpoint) {
        S3Client c = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(S3Client::close);
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        deleteTree(root);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
