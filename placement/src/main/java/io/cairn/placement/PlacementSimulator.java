package io.cairn.placement;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulates placement on a synthetic cluster: how evenly a million keys' shards land on drives, and how many
 * shard slots move when nodes are added. Load is computed per placement group and weighted by the number of
 * keys in each group, so a 1,000-node cluster takes seconds, not hours. Behind {@code cairn admin placement-sim}.
 */
public final class PlacementSimulator {
    static final String USAGE = "usage: placement-sim [--nodes N] [--drives-per-node D] [--add A] [--keys K]"
            + " [--scheme k+m] [--groups G]";

    private PlacementSimulator() {
    }

    /** The simulation's parameters; defaults are a 1,000-node cluster of 4-drive nodes, 8+4, a million keys. */
    record Options(int nodes, int drivesPerNode, int add, int keys, Scheme scheme, int groups) {
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--nodes", "1000", "--drives-per-node", "4",
                    "--add", "1", "--keys", "1000000", "--scheme", "8+4",
                    "--groups", Integer.toString(ClusterMap.DEFAULT_GROUP_COUNT)));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 == args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'; " + USAGE);
                }
                values.put(args[i], args[i + 1]);
            }
            return new Options(positive(values, "--nodes"), positive(values, "--drives-per-node"),
                    positive(values, "--add"), positive(values, "--keys"), Scheme.parse(values.get("--scheme")),
                    positive(values, "--groups"));
        }

        private static int positive(Map<String, String> values, String name) {
            try {
                int v = Integer.parseInt(values.get(name));
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the option's name
            }
            throw new IllegalArgumentException(name + " must be a positive integer, not '" + values.get(name) + "'");
        }
    }

    public static void main(String[] args) {
        try {
            run(System.out, args);
        } catch (IllegalArgumentException | InvalidClusterMapException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the simulation described by {@code args} and prints its report to {@code out}. */
    public static void run(PrintStream out, String[] args) {
        Options o = Options.parse(args);
        long start = System.nanoTime();
        ClusterMap before = syntheticCluster(o);
        out.printf(Locale.ROOT, "placement simulation: %d nodes x %d drives, scheme %s, %d groups, %d keys, adding %d node(s)%n",
                o.nodes(), o.drivesPerNode(), o.scheme(), o.groups(), o.keys(), o.add());

        long t = System.nanoTime();
        ClusterMap after = before;
        for (int i = 0; i < o.add(); i++) {
            after = after.withNode(syntheticNode(o.nodes() + i, o.drivesPerNode()));
        }
        out.printf(Locale.ROOT, "next map%s (withNode, pins carried): %d ms%n", o.add() > 1 ? "s" : "", millis(t));

        t = System.nanoTime();
        long[] keysPerGroup = keysPerGroup(o.keys(), o.groups());
        out.printf(Locale.ROOT, "keys hashed to groups: %d ms (keys per group: min %d, mean %.1f, max %d)%n",
                millis(t), min(keysPerGroup), (double) o.keys() / o.groups(), max(keysPerGroup));

        RendezvousPlacement policy = new RendezvousPlacement();
        printLoad(out, "before", policy, before, keysPerGroup);
        printLoad(out, "after", policy, after, keysPerGroup);

        t = System.nanoTime();
        RebalancePlan plan = RebalancePlan.between(policy, before, after);
        printMoves(out, plan, before, after, keysPerGroup);
        out.printf(Locale.ROOT, "rebalance plan: %d ms; total time: %d ms%n", millis(t), millis(start));
    }

    static ClusterMap syntheticCluster(Options o) {
        List<Node> nodes = new ArrayList<>();
        for (int n = 0; n < o.nodes(); n++) {
            nodes.add(syntheticNode(n, o.drivesPerNode()));
        }
        return new ClusterMap(1, o.scheme(), o.groups(), nodes);
    }

    private static Node syntheticNode(int n, int drivesPerNode) {
        String id = String.format(Locale.ROOT, "node%04d", n + 1);
        List<Drive> drives = new ArrayList<>();
        for (int d = 1; d <= drivesPerNode; d++) {
            drives.add(new Drive(id + "/d" + d, 1.0));
        }
        String address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) + ":9100";
        return new Node(id, address, drives);
    }

    static long[] keysPerGroup(int keys, int groups) {
        PlacementGroups g = new PlacementGroups(groups);
        long[] counts = new long[groups];
        for (int i = 0; i < keys; i++) {
            counts[g.groupOf("sim", "object-" + i)]++;
        }
        return counts;
    }

    private static void printLoad(PrintStream out, String label, PlacementPolicy policy, ClusterMap map,
            long[] keysPerGroup) {
        long t = System.nanoTime();
        long[] load = driveLoad(policy, map, keysPerGroup);
        long took = millis(t);
        double mean = (double) sum(load) / load.length;
        out.printf(Locale.ROOT, "%-6s epoch %d: placed %d groups in %d ms; shards per drive over keys:"
                + " mean %.1f, min %d, max %d, max/mean %.3f%n", label, map.epoch(), map.groupCount(), took,
                mean, min(load), max(load), max(load) / mean);
    }

    /** Shards each drive holds when every group holds its share of the keys, in the map's drive order. */
    static long[] driveLoad(PlacementPolicy policy, ClusterMap map, long[] keysPerGroup) {
        Map<String, Integer> index = new HashMap<>();
        map.nodes().forEach(n -> n.drives().forEach(d -> index.put(d.id(), index.size())));
        long[] load = new long[index.size()];
        for (int group = 0; group < map.groupCount(); group++) {
            for (String drive : policy.place(map, group).drives()) {
                load[index.get(drive)] += keysPerGroup[group];
            }
        }
        return load;
    }

    private static void printMoves(PrintStream out, RebalancePlan plan, ClusterMap before, ClusterMap after,
            long[] keysPerGroup) {
        Map<String, Boolean> isNew = new HashMap<>();
        after.nodes().forEach(n -> n.drives().forEach(d -> isNew.put(d.id(), before.node(n.id()).isEmpty())));
        long toNew = plan.moves().stream().filter(m -> isNew.get(m.toDrive())).count();
        long keyShards = plan.moves().stream().mapToLong(m -> keysPerGroup[m.group()]).sum();
        int n = before.nodes().size();
        int added = after.nodes().size() - n;
        out.printf(Locale.ROOT, "slots moved: %d of %d (%.4f%%; ideal added/(n+added) = %.4f%%)%n", plan.slotsMoved(),
                plan.totalSlots(), 100 * plan.movedFraction(), 100.0 * added / (n + added));
        out.printf(Locale.ROOT, "groups touched: %d of %d (%.3f%%)%n", plan.groupsTouched(), plan.groupCount(),
                100.0 * plan.groupsTouched() / plan.groupCount());
        out.printf(Locale.ROOT, "moves onto new nodes: %d; between old nodes: %d%n", toNew, plan.slotsMoved() - toNew);
        out.printf(Locale.ROOT, "pins in epoch %d: %d (slots held apart from the computed placement)%n",
                after.epoch(), after.pins().size());
        out.printf(Locale.ROOT, "shards of keys moved: %d of %d (%.4f%%)%n", keyShards,
                sum(keysPerGroup) * plan.width(), 100.0 * keyShards / (sum(keysPerGroup) * plan.width()));
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static long min(long[] values) {
        long m = Long.MAX_VALUE;
        for (long v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static long max(long[] values) {
        long m = Long.MIN_VALUE;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
