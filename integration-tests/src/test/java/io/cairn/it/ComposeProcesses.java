package io.cairn.it;

import io.cairn.it.ComposeFile.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the services of a compose file as local processes, as close to their containers as one machine
 * without a container engine allows:
 * <ul>
 * <li>each service gets a loopback address of its own (127.0.0.11, .12, ... in name order), and every JVM
 * resolves the services' hostnames to them through a hosts file ({@code -Djdk.net.hosts.file}), as the
 * compose network's DNS would; a bind to {@code 0.0.0.0} becomes a bind to the service's own address;</li>
 * <li>each service gets a directory standing for its container's file system: paths in its command and
 * environment under a volume's top directory or /run are taken inside it, each named volume is the directory of its mount point there (a
 * volume belongs to one service) and each secret is a file under its {@code /run/secrets};</li>
 * <li>the JVM runs with the image's ENTRYPOINT flags, and {@code -XX:MaxRAM} set to the service's memory
 * limit so the heap follows the limit as it would in a cgroup;</li>
 * <li>the environment is the service's only (plus PATH), not the test's;</li>
 * <li>the health check is the service's own test command, run with the service's environment, pointed at the
 * service's address (what 127.0.0.1 is inside its container).</li>
 * </ul>
 * The JVMs also get the flags every process-level test gives (a quick JIT, the serial collector, paranoid
 * leak detection), which change speed, not behaviour.
 */
final class ComposeProcesses implements AutoCloseable {

    static final Path REPOSITORY = Path.of("..");
    private static final int FIRST_ADDRESS = 11;
    private static final List<String> TEST_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dio.netty.leakDetection.level=paranoid");

    private final ComposeFile compose;
    private final DockerfileSpec image;
    private final Path root;
    private final Map<String, String> secretValues;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();

    /** {@code secretValues}: the contents of each top-level secret, by name. */
    ComposeProcesses(ComposeFile compose, DockerfileSpec image, Path root, Map<String, String> secretValues) {
        this.compose = compose;
        this.image = image;
        this.root = root;
        this.secretValues = Map.copyOf(secretValues);
        int i = FIRST_ADDRESS;
        for (Service s : compose.services().values()) {
            addresses.put(s.name(), "127.0.0." + i++);
        }
    }

    String address(String service) {
        return addresses.get(service);
    }

    Path containerRoot(String service) {
        return root.resolve(service);
    }

    Path log(String service) {
        return root.resolve(service + ".log");
    }

    /** Fails at once when a port a service binds is taken on its address: a clearer failure than a dead node. */
    void checkPortsFree(int... ports) throws IOException {
        for (String address : addresses.values()) {
            for (int port : ports) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
                } catch (IOException e) {
                    throw new IOException(address + ":" + port + " is taken; the compose test needs it", e);
                }
            }
        }
    }

    /** Starts every service at once, as {@code docker compose up} does. */
    void startAll() throws IOException {
        Path hosts = root.resolve("hosts");
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        for (Service s : compose.services().values()) {
            lines.append(address(s.name())).append(' ').append(s.hostname()).append('\n');
        }
        Files.writeString(hosts, lines.toString(), StandardCharsets.UTF_8);
        for (Service s : compose.services().values()) {
            start(s, hosts);
        }
    }

    private void start(Service s, Path hosts) throws IOException {
        Path fs = containerRoot(s.name());
        for (String mountPoint : s.volumeMounts().values()) {
            Files.createDirectories(inside(fs, mountPoint));
        }
        for (String secret : s.secrets()) {
            Path file = inside(fs, "/run/secrets/" + secret);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secretValues.get(secret) + "\n", StandardCharsets.UTF_8);
        }
        Path jar = REPOSITORY.resolve("cli/target/cairn.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build the cli module first (mvn -pl integration-tests -am verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(image.jvmFlags());
        command.add("-XX:MaxRAM=" + ComposeFile.bytes(s.memoryLimit()));
        command.add("-Djdk.net.hosts.file=" + hosts.toAbsolutePath());
        command.addAll(TEST_JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        for (String arg : s.command()) {
            command.add(map(s, fs, arg));
        }
        Files.createDirectories(fs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(fs.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(s.name()).toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(environment(s));
        processes.put(s.name(), pb.start());
    }

    /** The service's environment with its paths taken inside its directory. */
    Map<String, String> environment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        s.environment().forEach((k, v) -> env.put(k, map(s, containerRoot(s.name()), v)));
        return env;
    }

    /**
     * An argument or value as the service's process must see it: a path in the container's file system (under
     * the top directory of a volume's mount point, or under /run, where secrets are) is taken inside the
     * service's directory; other absolute values such as URL paths stay as they are.
     */
    private String map(Service s, Path fs, String value) {
        if (value.startsWith("/") && fileSystemRoots(s).contains(topDirectory(value))) {
            return inside(fs, value).toAbsolutePath().toString();
        }
        return value.replace("0.0.0.0:", address(s.name()) + ":");
    }

    private static Set<String> fileSystemRoots(Service s) {
        Set<String> roots = new HashSet<>(Set.of("run"));
        s.volumeMounts().values().forEach(mountPoint -> roots.add(topDirectory(mountPoint)));
        return roots;
    }

    private static String topDirectory(String path) {
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path.substring(1) : path.substring(1, slash);
    }

    private static Path inside(Path fs, String containerPath) {
        return fs.resolve(containerPath.substring(1));
    }

    /**
     * Runs the service's health check until it passes, as Docker would until the service is healthy; fails
     * when the process exits or {@code within} passes.
     */
    void awaitHealthy(String name, long withinMillis) throws Exception {
        Service s = compose.services().get(name);
        List<String> test = s.healthcheck();
        if (test.isEmpty() || !test.get(0).equals("CMD")) {
            throw new IllegalStateException(name + ": health check must be [\"CMD\", ...]: " + test);
        }
        List<String> check = new ArrayList<>();
        for (String arg : test.subList(1, test.size())) {
            String fromRepository = image.copiedFrom().get(arg);
            check.add(fromRepository == null ? arg : REPOSITORY.resolve(fromRepository).toString());
        }
        if (check.get(0).endsWith(".sh")) {
            check.add(0, "bash");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
        while (true) {
            ProcessBuilder pb = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            pb.environment().putAll(environment(s));
            // Inside the container 127.0.0.1 is the service itself; here the service has its own address.
            pb.environment().put("CAIRN_HEALTH_HOST", address(name));
            Process probe = pb.start();
            boolean done = probe.waitFor(5, TimeUnit.SECONDS);
            if (done && probe.exitValue() == 0) {
                return;
            }
            if (!done) {
                probe.destroyForcibly();
            }
            Process p = processes.get(name);
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited " + p.exitValue() + ":\n" + readLog(name));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " not healthy within " + withinMillis + " ms:\n" + readLog(name));
            }
            Thread.sleep(500);
        }
    }

    /** SIGKILL, as when the container's host dies. */
    void kill(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    String readLog(String name) {
        try {
            return Files.exists(log(name)) ? Files.readString(log(name), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
