package io.cairn.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes and checks a map's {@link Pin}s. The computed placement of a group is a pure function of the node
 * list; it spreads load well and changes its drive set little when a node joins or leaves, but it may reorder
 * the drives it keeps (a slot whose class is empty is filled from the free drives in slot order, so a newcomer
 * elsewhere can shift which old drive fills which slot). With erasure coding the order is the data: shard i is
 * another byte stream than shard j, so a reordered slot is a real copy between old nodes.
 *
 * <p>The next map therefore keeps the new computed placement's drive set (and its count of shards per node) but
 * not its order: a slot whose drive stays in the set keeps it, and so does a slot whose drive is on a node that
 * still holds that many of the group's shards and whose drives did not change weight (which spares a copy
 * between two old drives of one node); the emptied slots take the remaining drives of the set, new drives first.
 * Pins record exactly the slots where this differs from the computed placement.
 */
final class SlotPins {
    /**
     * Maps recently found valid. Checking pins computes the placement of every pinned group (about 15 ms for
     * 5,000 pins at 200 drives), and a gateway re-reads the same committed map from every node every few
     * seconds; an equal map needs no second check.
     */
    private static final Map<Checked, Boolean> RECENTLY_CHECKED = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Checked, Boolean> eldest) {
                    return size() > 8;
                }
            });

    private record Checked(Scheme scheme, int groupCount, List<Node> nodes, List<Pin> pins) {
    }

    private SlotPins() {
    }

    /** The pins that carry {@code from}'s placements over to {@code to}, a map without pins of the same groups. */
    static List<Pin> carried(ClusterMap from, ClusterMap to) {
        if (!from.scheme().equals(to.scheme()) || from.groupCount() != to.groupCount()) {
            return List.of();
        }
        GroupTable before = new GroupTable(from);
        GroupTable after = new GroupTable(to);
        Carry carry = new Carry(from, to);
        List<Pin> pins = new ArrayList<>();
        for (int group = 0; group < to.groupCount(); group++) {
            List<String> target = after.placement(group).drives();
            String[] kept = carry.keep(before.placement(group).drives(), target);
            for (int slot = 0; slot < kept.length; slot++) {
                if (!kept[slot].equals(target.get(slot))) {
                    pins.add(new Pin(group, slot, kept[slot]));
                }
            }
        }
        return pins;
    }

    /** What one change of the node list keeps, group by group. */
    static final class Carry {
        private final Map<String, String> nodeOf = new HashMap<>();
        private final Set<String> newDrives = new HashSet<>();
        /** Nodes of both maps whose drives kept their weights: only these keep a drive outside the target set. */
        private final Set<String> steadyNodes = new HashSet<>();

        Carry(ClusterMap from, ClusterMap to) {
            Map<String, Double> oldWeights = new HashMap<>();
            Map<String, String> oldNodeOf = new HashMap<>();
            Set<String> oldNodes = new HashSet<>();
            from.nodes().forEach(n -> oldNodes.add(n.id()));
            from.nodes().forEach(n -> n.drives().forEach(d -> {
                oldWeights.put(d.id(), d.weight());
                oldNodeOf.put(d.id(), n.id());
            }));
            for (Node node : to.nodes()) {
                boolean steady = oldNodes.contains(node.id());
                for (Drive drive : node.drives()) {
                    nodeOf.put(drive.id(), node.id());
                    Double old = oldWeights.get(drive.id());
                    if (old == null) {
                        newDrives.add(drive.id());
                    } else {
                        steady &= old == drive.weight() && node.id().equals(oldNodeOf.get(drive.id()));
                    }
                }
                if (steady) {
                    steadyNodes.add(node.id());
                }
            }
        }

        /**
         * One group's next drives: {@code target}'s drives per node, in {@code current}'s order where it can.
         * A slot keeps its drive if the drive is in the target; else if its node is steady, still holds that many
         * of the group's shards and owes none to a new drive of its own (a copy between two old drives of one
         * node would only reorder). The emptied slots take the unused target drives, new drives first.
         */
        String[] keep(List<String> current, List<String> target) {
            Map<String, Integer> quota = new HashMap<>();
            Map<String, Integer> owed = new HashMap<>();
            for (String d : target) {
                quota.merge(nodeOf.get(d), 1, Integer::sum);
                if (newDrives.contains(d)) {
                    owed.merge(nodeOf.get(d), 1, Integer::sum);
                }
            }
            Set<String> targetSet = new HashSet<>(target);
            Set<String> used = new HashSet<>();
            String[] next = new String[target.size()];
            for (int slot = 0; slot < next.length; slot++) {
                if (targetSet.contains(current.get(slot))) {
                    take(slot, current.get(slot), next, used, quota);
                }
            }
            for (int slot = 0; slot < next.length; slot++) {
                String node = nodeOf.get(current.get(slot));
                if (next[slot] == null && steadyNodes.contains(node)
                        && quota.getOrDefault(node, 0) > owed.getOrDefault(node, 0)) {
                    take(slot, current.get(slot), next, used, quota);
                }
            }
            fill(target, next, used, quota);
            return next;
        }

        /** Gives the emptied slots the unused target drives of nodes still owed shards, new drives first. */
        private void fill(List<String> target, String[] next, Set<String> used, Map<String, Integer> quota) {
            List<String> candidates = new ArrayList<>(target.size());
            target.stream().filter(newDrives::contains).forEach(candidates::add);
            target.stream().filter(d -> !newDrives.contains(d)).forEach(candidates::add);
            // A node with quota q left has at least q unused target drives, so this never runs dry.
            int c = 0;
            for (int slot = 0; slot < next.length; slot++) {
                if (next[slot] == null) {
                    while (used.contains(candidates.get(c)) || quota.get(nodeOf.get(candidates.get(c))) == 0) {
                        c++;
                    }
                    take(slot, candidates.get(c), next, used, quota);
                }
            }
        }

        private void take(int slot, String drive, String[] next, Set<String> used, Map<String, Integer> quota) {
            next[slot] = drive;
            used.add(drive);
            quota.merge(nodeOf.get(drive), -1, Integer::sum);
        }
    }

    /**
     * Checks {@code pins} against {@code plain}, the same map without pins: each pin names a group and slot of the
     * map and one of its drives, differs from the computed placement (a pin that repeats it is noise that would
     * make equal placements unequal maps), and no group ends up with a drive twice. {@code pins} is sorted.
     */
    static void validate(ClusterMap plain, List<Pin> pins) {
        Checked key = new Checked(plain.scheme(), plain.groupCount(), plain.nodes(), pins);
        if (RECENTLY_CHECKED.containsKey(key)) {
            return;
        }
        check(plain, pins);
        RECENTLY_CHECKED.put(key, Boolean.TRUE);
    }

    private static void check(ClusterMap plain, List<Pin> pins) {
        Set<String> drives = new HashSet<>();
        plain.nodes().forEach(n -> n.drives().forEach(d -> drives.add(d.id())));
        GroupTable table = new GroupTable(plain);
        int width = plain.scheme().width();
        for (int i = 0; i < pins.size(); ) {
            int group = pins.get(i).group();
            if (group >= plain.groupCount()) {
                throw invalid(pins.get(i), "group is outside [0, " + plain.groupCount() + ")");
            }
            List<String> placed = new ArrayList<>(table.placement(group).drives());
            for (int previousSlot = -1; i < pins.size() && pins.get(i).group() == group; i++) {
                Pin pin = pins.get(i);
                if (pin.slot() >= width) {
                    throw invalid(pin, "slot is outside [0, " + width + ")");
                }
                if (pin.slot() == previousSlot) {
                    throw invalid(pin, "the slot is pinned twice");
                }
                if (!drives.contains(pin.drive())) {
                    throw invalid(pin, "no drive " + pin.drive() + " in the map");
                }
                if (placed.get(pin.slot()).equals(pin.drive())) {
                    throw invalid(pin, "repeats the computed placement");
                }
                placed.set(pin.slot(), pin.drive());
                previousSlot = pin.slot();
            }
            if (new HashSet<>(placed).size() != width) {
                throw new InvalidClusterMapException("pins of group " + group + " place a drive twice: " + placed);
            }
        }
    }

    private static InvalidClusterMapException invalid(Pin pin, String why) {
        return new InvalidClusterMapException("pin [" + pin.group() + ", " + pin.slot() + ", \"" + pin.drive()
                + "\"]: " + why);
    }
}
