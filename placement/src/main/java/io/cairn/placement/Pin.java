package io.cairn.placement;

/**
 * One slot of one placement group held on a named drive, overriding the computed placement for that slot.
 * Pins are how a map remembers where shards already are: the computed placement is a pure function of the
 * node list and may reorder a group's drives when a node joins, while a pinned slot keeps its drive.
 */
public record Pin(int group, int slot, String drive) implements Comparable<Pin> {
    public Pin {
        if (group < 0 || slot < 0) {
            throw new InvalidClusterMapException("pin [" + group + ", " + slot + "]: group and slot must not be negative");
        }
        Names.requireId("drive of pin [" + group + ", " + slot + "]", drive);
    }

    /** Group first, then slot: the order pins are kept and written in, so equal maps give equal bytes. */
    @Override
    public int compareTo(Pin other) {
        int byGroup = Integer.compare(group, other.group);
        return byGroup != 0 ? byGroup : Integer.compare(slot, other.slot);
    }
}
