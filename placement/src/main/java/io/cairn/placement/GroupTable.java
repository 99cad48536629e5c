package io.cairn.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The rendezvous placements of one map, computed per group on first use. See {@link RendezvousPlacement}. */
final class GroupTable {
    /** Seed of the drive-id hash; a constant so every node and release scores drives identically. */
    private static final long DRIVE_SEED = 0x6361_6972_6e2d_6472L;

    private final ClusterMap map;
    private final String[] driveIds;
    private final long[] driveHashes;
    private final double[] weights;
    private final int[] nodeOfDrive;
    private final int[] drivesPerNode;
    private final AtomicReferenceArray<Placement> placements;

    GroupTable(ClusterMap map) {
        this.map = map;
        int count = map.driveCount();
        driveIds = new String[count];
        driveHashes = new long[count];
        weights = new double[count];
        nodeOfDrive = new int[count];
        drivesPerNode = new int[map.nodes().size()];
        int d = 0;
        for (int n = 0; n < map.nodes().size(); n++) {
            Node node = map.nodes().get(n);
            drivesPerNode[n] = node.drives().size();
            for (Drive drive : node.drives()) {
                driveIds[d] = drive.id();
                driveHashes[d] = XxHash64.hash(drive.id().getBytes(StandardCharsets.UTF_8), DRIVE_SEED);
                weights[d] = node.weight() * drive.weight();
                nodeOfDrive[d] = n;
                d++;
            }
        }
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
        int[] usage = new int[drivesPerNode.length];
        int[] remaining = drivesPerNode.clone();
        boolean[] taken = new boolean[driveIds.length];
        List<String> chosen = new ArrayList<>(width);
        for (int slot = 0; slot < width; slot++) {
            int best = bestDrive(slotSeed(group, slot), fewestShards(usage, remaining), usage, taken);
            taken[best] = true;
            usage[nodeOfDrive[best]]++;
            remaining[nodeOfDrive[best]]--;
            chosen.add(driveIds[best]);
        }
        return new Placement(map.epoch(), group, chosen);
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

    private int bestDrive(long seed, int allowedUsage, int[] usage, boolean[] taken) {
        int best = -1;
        double bestScore = 0;
        for (int d = 0; d < driveIds.length; d++) {
            if (taken[d] || usage[nodeOfDrive[d]] != allowedUsage) {
                continue;
            }
            double score = weights[d] / -Math.log(unitInterval(mix(driveHashes[d] ^ seed)));
            if (best < 0 || score > bestScore || (score == bestScore && driveIds[d].compareTo(driveIds[best]) < 0)) {
                best = d;
                bestScore = score;
            }
        }
        return best;
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
