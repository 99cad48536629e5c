package io.cairn.cli;

import io.cairn.cluster.ClusterRuntime;
import io.cairn.cluster.ClusterSecret;
import io.cairn.cluster.PeerList;
import io.cairn.placement.InvalidClusterMapException;
import io.cairn.placement.Scheme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code cairn server} that make it one process of a cluster; docs/CLUSTER.md explains them. */
final class ClusterOptions {

    @Option(names = "--peers", required = true, paramLabel = "HOST:PORT,...",
            description = "Node-protocol addresses of every node of the cluster, in the same order on every process.")
    String peers;

    @Option(names = "--node-id", paramLabel = "NODE",
            description = "Which peer this process is (node1..nodeN by --peers order, or its address);"
                    + " without it the process is a gateway only.")
    String nodeId;

    @Option(names = "--node-listen", paramLabel = "HOST:PORT",
            description = "Where this node's protocol binds (default: its --peers address).")
    String nodeListen;

    @Option(names = "--join",
            description = "This node is new to a running cluster: serve its drives and wait until"
                    + " 'cairn admin add-node' commits the epoch that names it. --peers lists the cluster's nodes"
                    + " and this one.")
    boolean join;

    @Option(names = "--drive-timeout", defaultValue = "10s",
            description = "A drive or node slower than this is skipped (${DEFAULT-VALUE}).")
    String driveTimeout;

    @Option(names = "--startup-wait", defaultValue = "30s",
            description = "How long to wait for the other nodes at start (${DEFAULT-VALUE}).")
    String startupWait;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the cluster secret (default: environment " + ClusterSecret.ENV + ").")
    Path secretFile;

    ClusterRuntime start(ServerCommand server) throws InterruptedException {
        byte[] secret = ClusterSecret.load(SecretEnvironment.current(), secretFile);
        boolean storage = nodeId != null;
        int drivesPerNode = storage ? server.drivePaths().size() : server.driveCount;
        PeerList list = PeerList.parse(peers, drivesPerNode);
        int local = storage ? list.indexOf(nodeId) : -1;
        Scheme scheme;
        try {
            scheme = server.scheme == null ? list.defaultScheme() : Scheme.parse(server.scheme);
            list.toMap(scheme);
        } catch (InvalidClusterMapException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return ClusterRuntime.start(new ClusterRuntime.Options(list, local,
                storage ? server.drivePaths() : List.of(),
                nodeListen == null ? null : Addresses.parse(nodeListen), scheme, server.stripeBytes(),
                durationOf("--drive-timeout", driveTimeout), durationOf("--startup-wait", startupWait), secret, join,
                server.nodeTls.files()));
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 24h} or plain seconds. */
    static Duration durationOf(String option, String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 10s, 500ms or 24h: " + text);
        }
    }
}
