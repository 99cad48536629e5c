package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.Scheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed membership of a cluster as every process is told it: the node-protocol addresses of the nodes,
 * in one order, and the number of drives each node has. Every process derives the same epoch-1
 * {@link ClusterMap} from it, so no coordinator is needed: node {@code i} (from 1) is {@code node<i>}, its
 * drive {@code j} is {@code node<i>-d<j>} in the map and {@code d<j>} on the node's wire.
 */
public record PeerList(List<String> addresses, int drivesPerNode) {

    public static final long EPOCH = 1;

    public PeerList {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("--peers lists no node");
        }
        Set<String> seen = new HashSet<>();
        for (String a : addresses) {
            if (!seen.add(a)) {
                throw new IllegalArgumentException("--peers lists " + a + " twice");
            }
        }
        if (drivesPerNode < 1) {
            throw new IllegalArgumentException("every node needs at least one drive, not " + drivesPerNode);
        }
    }

    /** Parses {@code host:port,host:port,...} (blanks around commas are ignored). */
    public static PeerList parse(String peers, int drivesPerNode) {
        List<String> out = new ArrayList<>();
        for (String p : peers.split(",")) {
            String a = p.strip();
            if (a.isEmpty()) {
                continue;
            }
            int colon = a.lastIndexOf(':');
            if (colon < 1 || colon == a.length() - 1) {
                throw new IllegalArgumentException("peer '" + a + "' is not host:port");
            }
            out.add(a);
        }
        return new PeerList(out, drivesPerNode);
    }

    public int size() {
        return addresses.size();
    }

    /** {@code node<i>} for the i-th address (from 0). */
    public static String nodeId(int index) {
        return "node" + (index + 1);
    }

    /** The drive's name on its node's wire, {@code d<j>} for j from 1. */
    public static String wireDriveId(int driveIndex) {
        return "d" + (driveIndex + 1);
    }

    static String mapDriveId(int nodeIndex, int driveIndex) {
        return nodeId(nodeIndex) + "-" + wireDriveId(driveIndex);
    }

    /** The index of a node given as {@code node<i>} or as its address exactly as listed. */
    public int indexOf(String node) {
        for (int i = 0; i < addresses.size(); i++) {
            if (nodeId(i).equals(node) || addresses.get(i).equals(node)) {
                return i;
            }
        }
        throw new IllegalArgumentException("--node-id " + node + " is none of node1..node" + addresses.size()
                + " nor an address of --peers");
    }

    /** The scheme picked by cluster size (see {@link ClusterSchemes}). */
    public Scheme defaultScheme() {
        return ClusterSchemes.forCluster(size(), size() * drivesPerNode);
    }

    public ClusterMap toMap(Scheme scheme) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            List<Drive> drives = new ArrayList<>();
            for (int j = 0; j < drivesPerNode; j++) {
                drives.add(new Drive(mapDriveId(i, j), 1.0));
            }
            nodes.add(new Node(nodeId(i), addresses.get(i), drives));
        }
        return new ClusterMap(EPOCH, scheme, ClusterMap.DEFAULT_GROUP_COUNT, nodes);
    }
}
