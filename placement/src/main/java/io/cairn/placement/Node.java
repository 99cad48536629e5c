package io.cairn.placement;

import java.util.List;
import java.util.Optional;

/**
 * One storage node: the failure domain placement spreads shards over. Its weight multiplies the weights of its
 * drives, so an operator can drain or favour a whole machine without editing every drive. The zone is carried
 * for operators and for zone-aware placement later; placement does not use it yet.
 */
public record Node(String id, String address, double weight, Optional<String> zone, List<Drive> drives) {
    public Node {
        Names.requireId("node id", id);
        Names.requireAddress(id, address);
        Names.requireWeight("node " + id, weight);
        if (zone == null) {
            throw new InvalidClusterMapException("node " + id + ": zone must be empty rather than null");
        }
        zone.ifPresent(z -> Names.requireId("zone of node " + id, z));
        if (drives == null || drives.isEmpty()) {
            throw new InvalidClusterMapException("node " + id + " has no drives");
        }
        drives = List.copyOf(drives);
    }

    /** A node with unit weight and no zone. */
    public Node(String id, String address, List<Drive> drives) {
        this(id, address, 1.0, Optional.empty(), drives);
    }

    /** The host part of {@link #address()}, without IPv6 brackets. */
    public String host() {
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
