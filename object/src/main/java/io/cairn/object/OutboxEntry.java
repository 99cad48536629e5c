package io.cairn.object;

import java.util.List;

/**
 * One committed change waiting in a key's outbox. {@code sequencer} grows with every entry of the key, in
 * commit order; {@code event} and {@code targets} are what {@link CommitEvents} asked to record.
 */
public record OutboxEntry(String bucket, String key, long sequencer, ChangeKind kind, String event,
                          String versionId, long size, String etag, long time, List<String> targets) {
    public OutboxEntry {
        targets = List.copyOf(targets);
    }
}
