package io.cairn.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes and checks a map's {@link Pin}s. The computed placement of a group is a pure function of the node
 * list; it spreads load well and changes its drive set minimally when a node joins or leaves, but it may reorder
 * the drives it keeps (a slot whose class is empty is filled from the free drives in slot order, so a newcomer
 * elsewhere can shift which old drive fills which slot). With erasure coding the order is the data: shard i is
 * another byte stream than shard j, so a reordered slot is a real copy between old nodes.
 *
 * <p>The next map therefore keeps the new computed placement's drive set (and its count of shards per node)
 * but not its order: a slot whose drive stays in the set keeps it, and so does a slot whose drive is on a node
 * that still holds that many of the group's shards and whose drives did not change (which spares a copy between
 * two drives of one node); the emptied slots take the remaining drives of the set in its slot order. Pins record
 * exactly the slots where this differs from the computed placement.
 */
final class SlotPins {
    private SlotPins() {
    }

    /** The pins that carry {@code from}'s placements over to {@code to}, a map without pins of the same groups. */
    static List<Pin> carried(ClusterMap from, ClusterMap to) {
        if (!from.scheme().equals(to.scheme()) || from.groupCount() != to.groupCount()) {
            return List.of();
        }
        GroupTable before = new GroupTable(from);
        GroupTable after = new GroupTable(to);
        Map<String, String> nodeOf = new HashMap<>();
        to.nodes().forEach(n -> n.drives().forEach(d -> nodeOf.put(d.id(), n.id())));
        Set<String> unchanged = unchangedNodes(from, to);
        List<Pin> pins = new ArrayList<>();
        for (int group = 0; group < to.groupCount(); group++) {
            List<String> target = after.placement(group).drives();
            String[] kept = keep(before.placement(group).drives(), target, nodeOf, unchanged);
            for (int slot = 0; slot < kept.length; slot++) {
                if (!kept[slot].equals(target.get(slot))) {
                    pins.add(new Pin(group, slot, kept[slot]));
                }
            }
        }
        return pins;
    }

    /** Nodes present in both maps with the same drives: only on these may a slot keep a drive outside the set. */
    private static Set<String> unchangedNodes(ClusterMap from, ClusterMap to) {
        Map<String, List<Drive>> old = new HashMap<>();
        from.nodes().forEach(n -> old.put(n.id(), n.drives()));
        Set<String> unchanged = new HashSet<>();
        to.nodes().stream().filter(n -> n.drives().equals(old.get(n.id()))).forEach(n -> unchanged.add(n.id()));
        return unchanged;
    }

    /** One group's next drives: {@code target}'s set and shards per node, in {@code current}'s order where it can. */
    static String[] keep(List<String> current, List<String> target, Map<String, String> nodeOf, Set<String> unchanged) {
        Map<String, Integer> quota = new HashMap<>();
        target.forEach(d -> quota.merge(nodeOf.get(d), 1, Integer::sum));
        Set<String> targetSet = new HashSet<>(target);
        Set<String> used = new HashSet<>();
        String[] next = new String[target.size()];
        for (int slot = 0; slot < next.length; slot++) {
            String d = current.get(slot);
            if (targetSet.contains(d)) {
                take(slot, d, next, used, quota, nodeOf);
            }
        }
        for (int slot = 0; slot < next.length; slot++) {
            String d = current.get(slot);
            String node = nodeOf.get(d);
            if (next[slot] == null && unchanged.contains(node) && quota.getOrDefault(node, 0) > 0 && !used.contains(d)) {
                take(slot, d, next, used, quota, nodeOf);
            }
        }
        // Each node has as many unused drives of the set as it has quota left, so this never runs dry.
        int candidate = 0;
        for (int slot = 0; slot < next.length; slot++) {
            if (next[slot] == null) {
                while (used.contains(target.get(candidate)) || quota.get(nodeOf.get(target.get(candidate))) == 0) {
                    candidate++;
                }
                take(slot, target.get(candidate), next, used, quota, nodeOf);
            }
        }
        return next;
    }

    private static void take(int slot, String drive, String[] next, Set<String> used, Map<String, Integer> quota,
            Map<String, String> nodeOf) {
        next[slot] = drive;
        used.add(drive);
        quota.merge(nodeOf.get(drive), -1, Integer::sum);
    }

    /**
     * Checks {@code pins} against {@code plain}, the same map without pins: each pin names a group and slot of the
     * map and one of its drives, differs from the computed placement (a pin that repeats it is noise that would
     * make equal placements unequal maps), and no group ends up with a drive twice. {@code pins} is sorted.
     */
    static void validate(ClusterMap plain, List<Pin> pins) {
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
