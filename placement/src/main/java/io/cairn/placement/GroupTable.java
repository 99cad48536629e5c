package io.cairn.placement;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The rendezvous placements of one map, computed per group on first use, with the map's pins applied over them.
 * See {@link RendezvousPlacement}.
 */
final class GroupTable {
    /** Seed of the drive-id hash; a constant so every node and release scores drives identically. */
    private static final long DRIVE_SEED = 0x6361_6972_6e2d_6472L;
    private static final long NODE_SEED = 0x6361_6972_6e2d_6e6fL;
    /** Seed indexes above any slot index (slots are below {@link Scheme#MAX_WIDTH}). */
    private static final int CLASS_SALT = Scheme.MAX_WIDTH;
    private static final int DRIVE_SALT = Scheme.MAX_WIDTH + 1;

    private final ClusterMap map;
    private final String[] driveIds;
    private final long[] driveHashes;
    private final long[] nodeHashes;
    private final double[] weights;
    private final int[] nodeOfDrive;
    private final int[] drivesPerNode;
    private final Map<Integer, List<Pin>> pins = new HashMap<>();
    private final AtomicReferenceArray<Placement> placements;

    GroupTable(ClusterMap map) {
        this.map = map;
        int count = map.driveCount();
        driveIds = new String[count];
        driveHashes = new long[count];
        weights = new double[count];
        nodeOfDrive = new int[count];
        drivesPerNode = new int[map.nodes().size()];
        nodeHashes = new long[map.nodes().size()];
        int d = 0;
        for (int n = 0; n < map.nodes().size(); n++) {
            Node node = map.nodes().get(n);
            drivesPerNode[n] = node.drives().size();
            nodeHashes[n] = XxHash64.hash(node.id().getBytes(StandardCharsets.UTF_8), NODE_SEED);
            for (Drive drive : node.drives()) {
                driveIds[d] = drive.id();
                driveHashes[d] = XxHash64.hash(drive.id().getBytes(StandardCharsets.UTF_8), DRIVE_SEED);
                weights[d] = node.weight() * drive.weight();
                nodeOfDrive[d] = n;
                d++;
            }
        }
        map.pins().forEach(pin -> pins.computeIfAbsent(pin.group(), g -> new ArrayList<>()).add(pin));
        placements = new AtomicReferenceArray<>(map.groupCount());
    }

    ClusterMap map() {
        return map;
    }

    boolean serves(ClusterMap other) {
        return other == map || (other.epoch() == map.epoch() && other.equals(map));
    }

    Placement placement(int group) {
        Placement p = placements.get(group);
        if (p == null) {
            // Two threads may compute the same group; both get equal placements, so the race is harmless.
            p = compute(group);
            placements.set(group, p);
        }
        return p;
    }

    private Placement compute(int group) {
        int width = map.scheme().width();
        int[] winners = classWinners(group, width);
        int[] usage = new int[drivesPerNode.length];
        int[] remaining = drivesPerNode.clone();
        boolean[] taken = new boolean[driveIds.length];
        for (int d : winners) {
            if (d >= 0) {
                take(d, taken, usage, remaining);
            }
        }
        String[] chosen = new String[width];
        for (int slot = 0; slot < width; slot++) {
            int d = winners[slot];
            if (d < 0) {
                d = bestFreeDrive(slotSeed(group, slot), fewestShards(usage, remaining), usage, taken);
                take(d, taken, usage, remaining);
            }
            chosen[slot] = driveIds[d];
        }
        for (Pin pin : pins.getOrDefault(group, List.of())) {
            chosen[pin.slot()] = pin.drive();
        }
        return new Placement(map.epoch(), group, List.of(chosen));
    }

    /**
     * Deals the nodes into one class per slot by a hash of (group, node), scores each node by its best drive,
     * and gives each slot the best drive of the best node in its class, or -1 for a slot whose class is empty.
     * A node competes for one slot only, which is what keeps a newcomer from reshuffling the others.
     */
    private int[] classWinners(int group, int width) {
        long classSeed = slotSeed(group, CLASS_SALT);
        long driveSeed = slotSeed(group, DRIVE_SALT);
        int[] winners = new int[width];
        double[] winnerScores = new double[width];
        Arrays.fill(winners, -1);
        int d = 0;
        for (int n = 0; n < drivesPerNode.length; n++) {
            int best = d;
            double bestScore = score(d, driveSeed);
            for (int last = d + drivesPerNode[n], e = d + 1; e < last; e++) {
                double s = score(e, driveSeed);
                if (beats(e, s, best, bestScore)) {
                    best = e;
                    bestScore = s;
                }
            }
            int slot = (int) Long.remainderUnsigned(mix(nodeHashes[n] ^ classSeed), width);
            if (winners[slot] < 0 || beats(best, bestScore, winners[slot], winnerScores[slot])) {
                winners[slot] = best;
                winnerScores[slot] = bestScore;
            }
            d += drivesPerNode[n];
        }
        return winners;
    }

    private void take(int d, boolean[] taken, int[] usage, int[] remaining) {
        taken[d] = true;
        usage[nodeOfDrive[d]]++;
        remaining[nodeOfDrive[d]]--;
    }

    /** The fewest shards any node that still has a free drive holds; only such nodes may take the next slot. */
    private static int fewestShards(int[] usage, int[] remaining) {
        int min = Integer.MAX_VALUE;
        for (int n = 0; n < usage.length; n++) {
            if (remaining[n] > 0 && usage[n] < min) {
                min = usage[n];
            }
        }
        return min;
    }

    /** For a slot whose class is empty: the best free drive on a node among those holding the fewest shards. */
    private int bestFreeDrive(long seed, int allowedUsage, int[] usage, boolean[] taken) {
        int best = -1;
        double bestScore = 0;
        for (int d = 0; d < driveIds.length; d++) {
            if (taken[d] || usage[nodeOfDrive[d]] != allowedUsage) {
                continue;
            }
            double s = score(d, seed);
            if (best < 0 || beats(d, s, best, bestScore)) {
                best = d;
                bestScore = s;
            }
        }
        return best;
    }

    /** The weighted rendezvous score -w / ln(U): a drive outscores all others with probability w / sum(w). */
    private double score(int d, long seed) {
        return weights[d] / -Math.log(unitInterval(mix(driveHashes[d] ^ seed)));
    }

    private boolean beats(int d, double score, int other, double otherScore) {
        return score > otherScore || (score == otherScore && driveIds[d].compareTo(driveIds[other]) < 0);
    }

    static long slotSeed(int group, int slot) {
        return mix((((long) group << 9) | slot) + 0x9E3779B97F4A7C15L);
    }

    /** Maps 64 random bits to a double strictly inside (0,1), so ln(U) is finite and negative. */
    static double unitInterval(long bits) {
        return ((bits >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "GroupTable[epoch " + map.epoch() + ", " + Arrays.stream(drivesPerNode).sum() + " drives]";
    }
}
