package io.cairn.object;

import java.util.List;

/**
 * A key's outbox as the delivery side sees it: its committed entries in sequencer order, and how many entries
 * of changes that never committed were discarded while reading it.
 */
public record OutboxBatch(String bucket, String key, List<OutboxEntry> entries, int discarded) {
    public OutboxBatch {
        entries = List.copyOf(entries);
    }
}
