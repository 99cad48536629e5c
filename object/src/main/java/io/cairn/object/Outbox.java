package io.cairn.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.cairn.storage.CorruptShardException;
import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transactional outbox of commit events (docs/FORMAT.md, "Outbox"; docs/RELIABILITY.md, "Notifications").
 *
 * <p>Each key has at most one outbox document, the system-volume manifest {@code outbox/<bucket>/<sha256(key)>}
 * on the key's own placement, changed only under the key's lock. Before a change commits, its entry is written
 * there as <em>pending</em>, with the SHA-256 of the manifest bytes the commit will write ({@code after}). A
 * pending entry is later <em>resolved</em> under the key's lock against the manifest a read quorum returns: the
 * commit happened exactly when that manifest is {@code after}. The rule holds because every commit of the key
 * resolves the key's pending entries first (and writes the decision down), so the manifest cannot have moved past
 * an unresolved entry's commit; and because a resolution first commits the state it read again on every drive
 * (so neither a half-written commit judged absent nor a late change of a failed one can turn a later read).
 */
final class Outbox {

    static final String PREFIX = "outbox/";
    private static final String SYS = ErasureSet.SYSTEM_VOLUME;
    private static final String PENDING = "pending";
    private static final String COMMITTED = "committed";

    private final ErasureSet set;
    private volatile CommitEvents hook;

    Outbox(ErasureSet set) {
        this.set = set;
    }

    void hook(CommitEvents newHook) {
        this.hook = newHook;
    }

    boolean enabled() {
        return hook != null;
    }

    /** One entry as stored. {@code after}: SHA-256 (hex) of the manifest its commit writes; null: the key removed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(long seq, String state, String after, ChangeKind kind, String event, String versionId, long size,
                 String etag, long time, List<String> targets) {
        Entry {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        Entry committed() {
            return new Entry(seq, COMMITTED, null, kind, event, versionId, size, etag, time, targets);
        }

        boolean pending() {
            return PENDING.equals(state);
        }
    }

    /** The document: the key it belongs to (its name only holds a hash) and its entries, oldest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Doc(int format, String bucket, String key, List<Entry> entries) {
        Doc {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    static String docKey(String bucket, String key) {
        return PREFIX + bucket + "/" + sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Under the key's lock, before the key's manifest changes from {@code cur} to {@code next} (null: removed):
     * resolves the key's pending entries and records {@code change}'s entry if the hook wants one. Throws (and
     * the change must not commit) when the document cannot be written with quorum or the hook refuses.
     */
    void beforeCommit(List<ShardStore> placement, KeyLockService.Lease lease, String bucket, String key,
                      ManifestQuorum.Resolved cur, CommitEvents.Change change, byte[] next) {
        CommitEvents h = hook;
        if (h == null) {
            return;
        }
        String docKey = docKey(bucket, key);
        ManifestQuorum.Resolved stored = set.readManifest(placement, SYS, docKey);
        Doc doc = stored.exists() ? parse(stored.manifest()) : new Doc(1, bucket, key, List.of());
        Resolution r = resolve(placement, lease, bucket, key, cur, doc);
        List<Entry> entries = new ArrayList<>(r.entries);
        CommitEvents.Intent intent = change == null ? null : h.intent(change);
        Entry added = null;
        if (intent != null) {
            long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
            long seq = Math.max(last + 1, set.clock().millis() << 12);
            added = new Entry(seq, PENDING, next == null ? null : sha256(next), change.kind(), intent.event(),
                    change.versionId(), change.size(), change.etag(), change.time(), intent.targets());
            entries.add(added);
        }
        if (added != null || r.changed) {
            write(placement, lease, docKey, stored, new Doc(1, bucket, key, entries));
        }
        if (r.discarded > 0) {
            h.discarded(r.discarded);
        }
        if (added != null) {
            CrashPoints.pass("outbox.after-intent");
            h.recorded(view(bucket, key, added));
        }
    }

    /** Every outbox document name, in order, after {@code startAfter}; at most {@code limit}. */
    List<String> names(String startAfter, int limit) {
        MergedKeys keys = new MergedKeys(set.drives(), SYS, PREFIX, startAfter == null ? "" : startAfter, 0);
        List<String> out = new ArrayList<>();
        for (String k = keys.next(); k != null && out.size() < limit; k = keys.next()) {
            out.add(k);
        }
        return out;
    }

    /**
     * The committed entries of one document, resolving pending ones under the key's lock first. Null when the
     * document is gone (delivered and removed meanwhile).
     */
    OutboxBatch entries(String docKey) {
        Doc any = anyCopy(docKey);
        if (any == null) {
            return null;
        }
        String bucket = any.bucket();
        String key = any.key();
        List<ShardStore> placement = set.placement(bucket, key);
        ManifestQuorum.Resolved stored = set.readManifest(placement, SYS, docKey);
        if (!stored.exists()) {
            return new OutboxBatch(bucket, key, List.of(), 0);
        }
        Doc doc = parse(stored.manifest());
        if (doc.entries().stream().noneMatch(Entry::pending)) {
            return batch(doc, 0);
        }
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            stored = set.readManifest(placement, SYS, docKey);
            if (!stored.exists()) {
                return new OutboxBatch(bucket, key, List.of(), 0);
            }
            doc = parse(stored.manifest());
            ManifestQuorum.Resolved cur = set.readManifest(placement, bucket, key);
            Resolution r = resolve(placement, lease, bucket, key, cur, doc);
            Doc next = new Doc(1, bucket, key, r.entries);
            if (r.changed) {
                write(placement, lease, docKey, stored, next);
            }
            CommitEvents h = hook;
            if (h != null && r.discarded > 0) {
                h.discarded(r.discarded);
            }
            return batch(next, r.discarded);
        } finally {
            set.unlock(lease);
        }
    }

    /** Removes the entry {@code sequencer} of the key (its targets acknowledged it); true if it was there. */
    boolean acknowledge(String bucket, String key, long sequencer) {
        List<ShardStore> placement = set.placement(bucket, key);
        String docKey = docKey(bucket, key);
        KeyLockService.Lease lease = set.lock(bucket, key);
        try {
            ManifestQuorum.Resolved stored = set.readManifest(placement, SYS, docKey);
            if (!stored.exists()) {
                return false;
            }
            Doc doc = parse(stored.manifest());
            List<Entry> rest = doc.entries().stream().filter(e -> e.seq() != sequencer).toList();
            if (rest.size() == doc.entries().size()) {
                return false;
            }
            write(placement, lease, docKey, stored, new Doc(1, bucket, key, rest));
            return true;
        } finally {
            set.unlock(lease);
        }
    }

    private record Resolution(List<Entry> entries, boolean changed, int discarded) {
    }

    /**
     * Decides every pending entry against {@code cur}, the key's manifest read under its lock: committed when
     * the manifest is the entry's {@code after}, discarded otherwise. The state read is first committed again on
     * every drive (with the write quorum, or the decision is not taken): a change of this process that timed out
     * may still land on a drive after the read (a commit's late rename, or its rollback that never ran), and
     * would turn a later read around; the recommit is ordered after it on every drive ({@link ManifestOrder}),
     * so what was decided is what every later read returns.
     */
    private Resolution resolve(List<ShardStore> placement, KeyLockService.Lease lease, String bucket, String key,
                               ManifestQuorum.Resolved cur, Doc doc) {
        if (doc.entries().stream().noneMatch(Entry::pending)) {
            return new Resolution(doc.entries(), false, 0);
        }
        set.recommit(placement, bucket, key, cur, lease);
        String now = cur.exists() ? sha256(cur.bytes()) : null;
        List<Entry> out = new ArrayList<>();
        int discarded = 0;
        for (Entry e : doc.entries()) {
            if (!e.pending()) {
                out.add(e);
            } else if (Objects.equals(e.after(), now)) {
                out.add(e.committed());
            } else {
                discarded++;
            }
        }
        return new Resolution(out, true, discarded);
    }

    private void write(List<ShardStore> placement, KeyLockService.Lease lease, String docKey,
                       ManifestQuorum.Resolved previous, Doc doc) {
        Manifest next = null;
        if (!doc.entries().isEmpty()) {
            String json = json(doc);
            next = Manifest.empty().withNewest(new Manifest.Version(Manifest.NULL_VERSION, false, set.clock().millis(),
                    json.length(), null, 0, 0, 0, Map.of("value", json), List.of()));
        }
        set.commitManifest(placement, ErasureSet.all(placement.size()), SYS, docKey, next, previous, lease);
    }

    /** Reads the document from whichever drive has a readable copy, to learn which key it belongs to. */
    private Doc anyCopy(String docKey) {
        for (DriveCalls.Outcome<byte[]> o : set.calls().onAll(set.drives(), d -> d.readManifest(SYS, docKey))) {
            if (o.ok()) {
                try {
                    return parse(Manifest.parse(o.value()));
                } catch (RuntimeException e) {
                    // a damaged copy: try the next drive
                }
            }
        }
        return null;
    }

    private static OutboxBatch batch(Doc doc, int discarded) {
        return new OutboxBatch(doc.bucket(), doc.key(),
                doc.entries().stream().filter(e -> !e.pending()).map(e -> view(doc.bucket(), doc.key(), e)).toList(),
                discarded);
    }

    private static OutboxEntry view(String bucket, String key, Entry e) {
        return new OutboxEntry(bucket, key, e.seq(), e.kind(), e.event(), e.versionId(), e.size(), e.etag(),
                e.time(), e.targets());
    }

    private static Doc parse(Manifest m) {
        String json = m.latest().map(v -> v.metadata().get("value")).orElse(null);
        if (json == null) {
            throw new CorruptShardException("outbox document without a value", null);
        }
        try {
            return Manifest.json().readValue(json, Doc.class);
        } catch (IOException e) {
            throw new CorruptShardException("malformed outbox document: " + e.getMessage(), e);
        }
    }

    private static String json(Doc doc) {
        try {
            return Manifest.json().writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
