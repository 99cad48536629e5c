package io.cairn.placement;

import java.util.List;

/** The ordered drives of one placement group under one epoch: shard {@code i} lives on {@code drives.get(i)}. */
public record Placement(long epoch, int group, List<String> drives) {
    public Placement {
        drives = List.copyOf(drives);
    }
}
