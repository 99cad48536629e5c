package io.cairn.cli;

import io.cairn.cluster.ClusterRuntime;
import io.cairn.cluster.ClusterSecret;
import io.cairn.cluster.EpochChange;
import io.cairn.cluster.NodeAddition;
import io.cairn.cluster.NodeRemoval;
import io.cairn.cluster.ShardMigration;
import io.cairn.placement.InvalidClusterMapException;
import io.cairn.placement.PlacementSimulator;
import io.cairn.tls.ClientTls;
import io.cairn.tls.PemFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Spec;

/**
 * {@code cairn admin add-node}, {@code remove-node} and {@code placement-sim}: growing and shrinking a cluster,
 * and forecasting it.
 */
final class ClusterAdminCommands {

    private ClusterAdminCommands() {
    }

    /** What add-node and remove-node share: the migration's pace, the cluster secret and TLS, how they end. */
    static final class MapChangeOptions {

        @Option(names = "--rate", defaultValue = "200",
                description = "Objects moved per second at most; 0: unpaced (${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "File holding the cluster secret (default: environment " + ClusterSecret.ENV + ").")
        Path secretFile;

        @Mixin
        NodeTlsOptions nodeTls = new NodeTlsOptions();

        /** One map change; wait {@code settle} before migrating. {@code tls} null: the nodes speak plain. */
        interface Change {
            ShardMigration.Progress run(byte[] secret, ClientTls tls, PrintWriter out, Duration settle)
                    throws InterruptedException;
        }

        /** Runs {@code change} with the cluster secret: 0 done, 3 some objects left for heal, 1 refused. */
        int run(CommandSpec spec, String name, Change change) throws InterruptedException {
            try {
                byte[] secret = ClusterSecret.load(SecretEnvironment.current(), secretFile);
                PemFiles tlsFiles = nodeTls.files();
                ClientTls tls = tlsFiles == null ? null : ClientTls.open("node protocol (admin)", tlsFiles);
                ShardMigration.Progress last = change.run(secret, tls, spec.commandLine().getOut(),
                        ClusterRuntime.EPOCH_POLL.multipliedBy(5).dividedBy(2));
                return last.leftToHeal() == 0 ? 0 : 3;
            } catch (EpochChange.RefusedException | IllegalArgumentException | IllegalStateException
                     | UncheckedIOException e) {
                spec.commandLine().getErr().println("cairn: admin " + name + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** Adds one node: a new epoch agreed by every node, then the shards that move, with progress. */
    @Command(name = "add-node", mixinStandardHelpOptions = true,
            description = "Add a node to a running cluster: propose the next epoch of the cluster map to every node,"
                    + " commit it when all accepted, then move the shards whose placement changed."
                    + " Start the new node first with 'cairn server --join'. Signs node requests with the cluster"
                    + " secret (" + ClusterSecret.ENV + " or --secret-file). Safe to run again.")
    static final class AddNode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--nodes", required = true, split = ",", paramLabel = "HOST:PORT",
                description = "Node-protocol address of at least one node of the cluster.")
        List<String> nodes;

        @Option(names = "--address", required = true, paramLabel = "HOST:PORT",
                description = "Node-protocol address of the new node, as the other nodes reach it.")
        String address;

        @Option(names = "--drives", defaultValue = "4", description = "Drives of the new node (${DEFAULT-VALUE}).")
        int drives;

        @Mixin
        MapChangeOptions change;

        @Override
        public Integer call() throws Exception {
            return change.run(spec, "add-node", (secret, tls, out, settle) -> NodeAddition.run(
                    new NodeAddition.Request(nodes, address, drives, change.rate, settle), secret, tls, out));
        }
    }

    /** Removes one node, dead or alive: a new epoch without it, then its slots' shards onto the others. */
    @Command(name = "remove-node", mixinStandardHelpOptions = true,
            description = "Remove a node (dead or alive) from a running cluster: propose the next epoch of the"
                    + " cluster map without it to every other node, commit it when all accepted, then give every"
                    + " shard slot it held a new drive, copied from it when it answers, else rebuilt from the"
                    + " other shards. Refused when the nodes left have fewer drives than k+m. Signs node requests"
                    + " with the cluster secret (" + ClusterSecret.ENV + " or --secret-file). Safe to run again."
                    + " Exit status: 0 done, 1 refused, 3 some objects left for heal.")
    static final class RemoveNode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--nodes", required = true, split = ",", paramLabel = "HOST:PORT",
                description = "Node-protocol address of at least one node that stays in the cluster.")
        List<String> nodes;

        @Option(names = "--node", required = true, paramLabel = "NODE_ID",
                description = "The id of the node to remove, as in the cluster map (node<i>).")
        String node;

        @Mixin
        MapChangeOptions change;

        @Override
        public Integer call() throws Exception {
            return change.run(spec, "remove-node", (secret, tls, out, settle) -> NodeRemoval.run(
                    new NodeRemoval.Request(nodes, node, change.rate, settle), secret, tls, out));
        }
    }

    /** Prints how many shard slots move and how evenly drives are loaded when nodes are added. */
    @Command(name = "placement-sim", mixinStandardHelpOptions = true,
            description = "Simulate placement: the fraction of shard slots that move when nodes are added, and the"
                    + " max/mean drive load. Options: --nodes N --drives-per-node D --add A --keys K --scheme k+m"
                    + " --groups G (defaults: 1000 nodes x 4 drives, 8+4, 1 added, a million keys).")
    static final class PlacementSim implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                PlacementSimulator.run(print, args.toArray(String[]::new));
            } catch (IllegalArgumentException | InvalidClusterMapException e) {
                spec.commandLine().getErr().println("cairn: admin placement-sim: " + e.getMessage());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(buffer.toString(StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
    }
}
