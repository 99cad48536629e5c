package io.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.admin.Progress;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cairn admin ...}: operator views of a running server. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operator views of a running server.",
        subcommands = {AdminCommand.Info.class, AdminCommand.Heal.class, AdminCommand.Status.class,
                DriveCommands.class, KmsCommands.class, ClusterAdminCommands.AddNode.class, ClusterAdminCommands.RemoveNode.class,
                ClusterAdminCommands.PlacementSim.class})
final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the running server is: shared by every admin subcommand. */
    static final class Endpoint {
        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Server URL (default: the server's --public-url, else https or http by its --tls-cert"
                        + " at its --address, from CAIRN_* variables and CAIRN_CONFIG; else http://"
                        + ServerUrl.DEFAULT_ADDRESS + ").")
        URI endpoint;

        @Option(names = "--region", defaultValue = "us-east-1", description = "Region (${DEFAULT-VALUE}).")
        String region;

        HttpResponse<String> call(String method, String path, Map<String, String> query) throws Exception {
            return signed(method, url(), path, query, region);
        }

        URI url() {
            if (endpoint == null) {
                endpoint = ServerUrl.of(System.getenv());
            }
            return endpoint;
        }
    }

    /** {@code cairn admin info}: a SigV4-signed GET of {@code /-/admin/info} with the root credentials. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Version, uptime, scheme, drives, usage and heal status of a running server."
                    + " Signs with CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD.")
    static final class Info implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoint server;

        @Option(names = "--json", description = "Print the server's JSON document as is.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> response = server.call("GET", "/-/admin/info", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            if (response.statusCode() != 200) {
                spec.commandLine().getErr().println("cairn: admin info: HTTP " + response.statusCode() + " from "
                        + server.url() + ": " + response.body().strip());
                return 1;
            }
            if (json) {
                out.println(response.body());
            } else {
                AdminInfoText.print(new ObjectMapper().readTree(response.body()), out);
            }
            out.flush();
            return 0;
        }
    }

    /** A request to an operator endpoint, presigned with the root credentials from the environment. */
    static HttpResponse<String> signed(String method, URI endpoint, String path, Map<String, String> query,
                                       String region) throws Exception {
        Map<String, String> env = SecretEnvironment.current();
        String user = env.getOrDefault(StaticCredentialStore.ROOT_USER_ENV, StaticCredentialStore.DEFAULT_ROOT);
        String secret = env.getOrDefault(StaticCredentialStore.ROOT_PASSWORD_ENV, StaticCredentialStore.DEFAULT_ROOT);
        URI url = Presigner.presign(new PresignRequest(method, endpoint, path, query, Map.of(),
                Duration.ofMinutes(1), region, Instant.now()), new SigningCredentials(user, secret));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code cairn admin heal}: verifies every shard of every object (or of a bucket, or a prefix) on a
     * running server and rebuilds what is missing or corrupt, at a bounded rate; prints progress until done.
     */
    @Command(name = "heal", mixinStandardHelpOptions = true,
            description = "Verify and repair every object (or a bucket, or a prefix) of a running server, with"
                    + " progress and a final count. Signs with CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD.")
    static final class Heal implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoint server;

        @Option(names = "--bucket", description = "Only this bucket (default: every bucket).")
        String bucket;

        @Option(names = "--prefix", description = "Only keys with this prefix.")
        String prefix;

        @Option(names = "--rate", defaultValue = "200", description = "Objects a second at most, 0 unbounded (${DEFAULT-VALUE}).")
        double rate;

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new TreeMap<>();
            if (bucket != null) {
                query.put("bucket", bucket);
            }
            if (prefix != null) {
                query.put("prefix", prefix);
            }
            query.put("rate", Double.toString(rate));
            HttpResponse<String> started = server.call("POST", "/-/admin/heal", query);
            if (started.statusCode() != 202 && started.statusCode() != 409) {
                spec.commandLine().getErr().println("cairn: admin heal: HTTP " + started.statusCode() + ": "
                        + started.body().strip());
                return 1;
            }
            if (started.statusCode() == 409) {
                spec.commandLine().getErr().println("cairn: admin heal: a heal is already running; following it");
            }
            return followHeal(spec, server);
        }
    }

    /**
     * Follows the running heal with a progress line until it ends, prints its result; exit status 2 when
     * objects could not be repaired.
     */
    static int followHeal(CommandSpec spec, Endpoint server) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Progress progress = Progress.of("heal (objects scanned)", 0);
        long shown = 0;
        JsonNode doc;
        while (true) {
            HttpResponse<String> r = server.call("GET", "/-/admin/heal", Map.of());
            if (r.statusCode() != 200) {
                spec.commandLine().getErr().println("cairn: admin heal: HTTP " + r.statusCode());
                return 1;
            }
            doc = json.readTree(r.body());
            long scanned = doc.path("scanned").asLong();
            progress.advance(scanned - shown);
            shown = scanned;
            if (!doc.path("running").asBoolean()) {
                break;
            }
            Thread.sleep(500);
        }
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("heal %s: %d objects scanned, %d repaired, %d failed, %d shards rebuilt%s%n",
                doc.path("scope").asText(), doc.path("scanned").asLong(), doc.path("repaired").asLong(),
                doc.path("failed").asLong(), doc.path("shardsRebuilt").asLong(),
                doc.has("error") ? " (error: " + doc.path("error").asText() + ")" : "");
        out.flush();
        return doc.path("failed").asLong() > 0 || doc.has("error") ? 2 : 0;
    }

    /** {@code cairn admin status}: drives online and offline, and what the last heal found. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Drives (and so nodes) online and offline, and objects below full redundancy as the last"
                    + " heal found them. Signs with CAIRN_ROOT_USER / CAIRN_ROOT_PASSWORD.")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoint server;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> info = server.call("GET", "/-/admin/info", Map.of());
            HttpResponse<String> heal = server.call("GET", "/-/admin/heal", Map.of());
            if (info.statusCode() != 200 || heal.statusCode() != 200) {
                spec.commandLine().getErr().println("cairn: admin status: HTTP " + info.statusCode() + "/"
                        + heal.statusCode() + " from " + server.url());
                return 1;
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode doc = json.readTree(info.body());
            JsonNode h = json.readTree(heal.body());
            PrintWriter out = spec.commandLine().getOut();
            int offline = 0;
            for (JsonNode d : doc.path("drives")) {
                boolean online = "online".equals(d.path("state").asText());
                offline += online ? 0 : 1;
                out.printf("%-8s %s%s%n", d.path("state").asText(), d.path("id").asText(),
                        d.has("error") ? "  (" + d.path("error").asText() + ")" : "");
            }
            out.printf("drives: %d online, %d offline%n", doc.path("drivesOnline").asInt(), offline);
            if (h.has("scanned")) {
                out.printf("last heal (%s%s): %d scanned, %d were below full redundancy, %d of them still are%n",
                        h.path("scope").asText(), h.path("running").asBoolean() ? ", running" : "",
                        h.path("scanned").asLong(), h.path("repaired").asLong() + h.path("failed").asLong(),
                        h.path("failed").asLong());
            } else {
                out.println("no heal has run since the server started: run `cairn admin heal` to count objects"
                        + " below full redundancy");
            }
            JsonNode lc = doc.path("lifecycle");
            if (!lc.isMissingNode()) {
                out.printf("lifecycle: %d runs, %d keys scanned, %d expired, %d versions removed, %d uploads aborted,"
                        + " %d held by object lock, %d errors%s%n", lc.path("runs").asLong(),
                        lc.path("keysScanned").asLong(), lc.path("currentVersionsExpired").asLong(),
                        lc.path("versionsRemoved").asLong(), lc.path("uploadsAborted").asLong(),
                        lc.path("heldByObjectLock").asLong(), lc.path("errors").asLong(),
                        lc.has("bucketInProgress") ? ", running on bucket " + lc.path("bucketInProgress").asText() : "");
            }
            out.flush();
            return offline > 0 ? 2 : 0;
        }
    }

    /** The human form of the info document. */
    static final class AdminInfoText {
        private AdminInfoText() {
        }

        static void print(JsonNode doc, PrintWriter out) {
            JsonNode scheme = doc.path("scheme");
            out.printf("version   %s, up %s%n", doc.path("version").asText(),
                    duration(doc.path("uptimeSeconds").asLong()));
            out.printf("scheme    %d+%d, stripe %d bytes, read quorum %d, write quorum %d%n",
                    scheme.path("dataShards").asInt(), scheme.path("parityShards").asInt(),
                    scheme.path("stripeSize").asLong(), scheme.path("readQuorum").asInt(),
                    scheme.path("writeQuorum").asInt());
            out.printf("drives    %d of %d online%n", doc.path("drivesOnline").asInt(), doc.path("drives").size());
            for (JsonNode d : doc.path("drives")) {
                out.printf("  %2d %-8s %s free of %s  %s%s%n", d.path("drive").asInt(), d.path("state").asText(),
                        bytes(d.path("freeBytes").asLong()), bytes(d.path("totalBytes").asLong()),
                        d.path("id").asText(), d.has("error") ? "  (" + d.path("error").asText() + ")" : "");
            }
            JsonNode usage = doc.path("usage");
            out.printf("usage     %d buckets, %d objects, %s (by %s)%n", usage.path("buckets").asLong(),
                    usage.path("objects").asLong(), bytes(usage.path("bytes").asLong()), usage.path("method").asText());
            JsonNode heal = doc.path("heal");
            out.printf("heal      %d queued, %d objects healed, %d degraded reads, %d stripes reconstructed%n",
                    heal.path("queueLength").asLong(), heal.path("objectsHealed").asLong(),
                    heal.path("degradedReads").asLong(), heal.path("stripesReconstructed").asLong());
        }

        static String bytes(long n) {
            if (n < 0) {
                return "?";
            }
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
            double v = n;
            int u = 0;
            while (v >= 1024 && u < units.length - 1) {
                v /= 1024;
                u++;
            }
            return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        }

        static String duration(long s) {
            return s >= 86400 ? (s / 86400) + "d" + (s / 3600 % 24) + "h"
                    : s >= 3600 ? (s / 3600) + "h" + (s / 60 % 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
        }
    }
}
