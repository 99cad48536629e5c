package io.cairn.object;

import java.util.List;

/**
 * The outbox hook: asked, under the key's lock and before a change commits, what to record for it in the
 * key's outbox (docs/FORMAT.md, "Outbox"). The entry is written to the key's drives before the manifest, so
 * every committed change has its entry; an entry whose commit never happened is discarded by whoever next
 * looks at the key's outbox under its lock. The object layer never delivers anything itself.
 */
public interface CommitEvents {

    /**
     * One change about to commit. {@code origin} is the writer's tag from {@link PutOptions#origin()} (null for
     * deletes and untagged writes); {@code versionId} is null for an unversioned bucket's null version;
     * {@code time} is the version's time (epoch milliseconds).
     */
    record Change(String bucket, String key, ChangeKind kind, String origin, String versionId, long size,
                  String etag, long time) {
    }

    /** What to record: an event name and the targets that want it, both opaque to the object layer. */
    record Intent(String event, List<String> targets) {
        public Intent {
            targets = List.copyOf(targets);
        }
    }

    /**
     * The entry to record for {@code change}, or null for none. Must be quick (it runs under the key's lock).
     * May throw (for example when the outbox is full): the change is then refused and nothing is stored.
     */
    Intent intent(Change change);

    /** An entry was written to the key's outbox (not yet known to be committed). */
    default void recorded(OutboxEntry entry) {
    }

    /** {@code count} entries were found to belong to changes that never committed, and were removed. */
    default void discarded(int count) {
    }
}
