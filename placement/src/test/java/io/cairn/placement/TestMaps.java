package io.cairn.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Cluster maps for tests: uniform ones by size, random ones from a seed. */
final class TestMaps {
    private TestMaps() {
    }

    static Node node(int n, int drives, double weight) {
        String id = "node" + n;
        List<Drive> list = new ArrayList<>();
        for (int d = 1; d <= drives; d++) {
            list.add(new Drive(id + "/d" + d, 1.0));
        }
        return new Node(id, "127.0.0.1:" + (9000 + n), weight, Optional.empty(), list);
    }

    static ClusterMap uniform(int nodes, int drivesPerNode, Scheme scheme, int groups) {
        List<Node> list = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            list.add(node(n, drivesPerNode, 1.0));
        }
        return new ClusterMap(1, scheme, groups, list);
    }

    /** A map of {@code nodes} nodes with 1-5 drives each and weights in [0.5, 4). */
    static ClusterMap random(Random random, int nodes, Scheme scheme, int groups) {
        List<Node> list = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            List<Drive> drives = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int d = 1; d <= count; d++) {
                drives.add(new Drive("n" + n + "/d" + d, 0.5 + 3.5 * random.nextDouble()));
            }
            list.add(new Node("n" + n, "10.0.0." + n + ":9100", 0.5 + random.nextDouble(), Optional.empty(), drives));
        }
        return new ClusterMap(random.nextInt(100), scheme, groups, list);
    }

    static String nodeOf(String driveId) {
        return driveId.substring(0, driveId.indexOf('/'));
    }
}
