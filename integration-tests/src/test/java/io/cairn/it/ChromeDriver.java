package io.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Optional;

/**
 * Headless Debian chromium driven through chromedriver's W3C WebDriver HTTP API: just the calls the
 * browser test needs (navigate, run a script, find an element, type into it, read the URL).
 */
final class ChromeDriver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI base;
    private final Path profile;
    private final Path log;
    private String session;

    private ChromeDriver(Process process, URI base, Path profile, Path log) {
        this.process = process;
        this.base = base;
        this.profile = profile;
        this.log = log;
    }

    /** The chromium and chromedriver executables, when both are installed. */
    static Optional<List<Path>> executables() {
        Optional<Path> browser = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        return browser.isPresent() && driver.isPresent() ? Optional.of(List.of(browser.get(), driver.get()))
                : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static ChromeDriver start() throws Exception {
        return start(List.of());
    }

    /** With extra chromium flags ({@code --ignore-certificate-errors} for a server of a test CA). */
    static ChromeDriver start(List<String> browserFlags) throws Exception {
        List<Path> exe = executables().orElseThrow();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path profile = Files.createTempDirectory("cairn-chromium-");
        Path log = Files.createTempFile("cairn-chromedriver-", ".log");
        Process p = new ProcessBuilder(exe.get(1).toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChromeDriver d = new ChromeDriver(p, URI.create("http://127.0.0.1:" + port), profile, log);
        try {
            d.awaitReady();
            d.newSession(exe.get(0), browserFlags);
        } catch (Exception e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                JsonNode status = call("GET", "/status", null);
                if (status.path("ready").asBoolean(false)) {
                    return;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("chromedriver did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private void newSession(Path chromium, List<String> browserFlags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        args.addAll(browserFlags);
        Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", chromium.toString(), "args", args))));
        session = call("POST", "/session", caps).get("sessionId").asText();
        call("POST", "/session/" + session + "/timeouts", Map.of("script", 60_000, "pageLoad", 30_000));
    }

    void navigate(String url) throws Exception {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    String currentUrl() throws Exception {
        return call("GET", "/session/" + session + "/url", null).asText();
    }

    /** Runs an async script: it must call its last argument with the result. */
    JsonNode executeAsync(String script, Object... args) throws Exception {
        return call("POST", "/session/" + session + "/execute/async", Map.of("script", script, "args", List.of(args)));
    }

    JsonNode execute(String script, Object... args) throws Exception {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of(args)));
    }

    /** Types {@code text} into the element matched by a CSS selector (for a file input: a file path). */
    void type(String css, String text) throws Exception {
        String id = call("POST", "/session/" + session + "/element", Map.of("using", "css selector", "value", css))
                .get(ELEMENT).asText();
        call("POST", "/session/" + session + "/element/" + id + "/value", Map.of("text", text));
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(r.body()).get("value");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " -> " + r.statusCode() + ": " + value);
        }
        return value;
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (Exception e) {
            // the process goes anyway
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            LocalCluster.deleteTree(profile);
        } catch (UncheckedIOException e) {
            // chromium may still be writing its profile while it exits: a temp directory
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
