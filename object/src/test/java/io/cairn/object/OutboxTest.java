package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    /** Records what it is asked to; {@code crashAfterRecord} makes the writer stop between entry and commit. */
    static final class Hook implements CommitEvents {
        final List<OutboxEntry> recorded = new CopyOnWriteArrayList<>();
        final AtomicInteger discarded = new AtomicInteger();
        volatile Predicate<Change> wants = c -> true;
        volatile boolean crashAfterRecord;

        @Override
        public Intent intent(Change change) {
            return wants.test(change) ? new Intent(change.kind() + ":" + change.origin(), List.of("t1")) : null;
        }

        @Override
        public void recorded(OutboxEntry entry) {
            recorded.add(entry);
            if (crashAfterRecord) {
                throw new IllegalStateException("the process died before the commit");
            }
        }

        @Override
        public void discarded(int count) {
            discarded.addAndGet(count);
        }
    }

    private static List<OutboxEntry> all(ErasureObjectService s) {
        List<OutboxEntry> out = new ArrayList<>();
        for (String name : s.outboxNames(null, 1000)) {
            OutboxBatch b = s.outboxEntries(name);
            if (b != null) {
                out.addAll(b.entries());
            }
        }
        return out;
    }

    @Test
    void everyCommitHasItsEntryInOrderAndAnAcknowledgedEntryIsGone() throws Exception {
        try (ObjectLayerFixture f = new ObjectLayerFixture(dir, 2, 2, 4096)) {
            Hook hook = new Hook();
            f.service.commitEvents(hook);
            f.service.createBucket("b");
            f.put("b", "k", ObjectLayerFixture.random(10_000, 1));
            f.service.putObject("b", "k", new ByteArrayInputStream(new byte[5]), 5,
                    PutOptions.of(Map.of()).withOrigin("Copy"));
            f.service.deleteObject("b", "k", null);
            f.put("b", "other", new byte[3]);

            List<OutboxEntry> entries = all(f.service);
            assertThat(entries).hasSize(4);
            List<OutboxEntry> k = entries.stream().filter(e -> e.key().equals("k")).toList();
            assertThat(k).extracting(OutboxEntry::event).containsExactly("PUT:null", "PUT:Copy", "DELETE:null");
            assertThat(k.get(0).sequencer()).isLessThan(k.get(1).sequencer());
            assertThat(k.get(1).sequencer()).isLessThan(k.get(2).sequencer());
            assertThat(k.get(0).size()).isEqualTo(10_000);
            assertThat(k.get(1).etag()).isNotNull();
            assertThat(hook.discarded).hasValue(0);

            // after a restart the same entries are there: they are on the drives, not in memory
            f.reopen();
            f.service.commitEvents(hook);
            assertThat(all(f.service)).hasSize(4);

            for (OutboxEntry e : k) {
                assertThat(f.service.acknowledgeOutboxEntry("b", "k", e.sequencer())).isTrue();
            }
            assertThat(f.service.acknowledgeOutboxEntry("b", "k", k.get(0).sequencer())).isFalse();
            assertThat(all(f.service)).extracting(OutboxEntry::key).containsExactly("other");
            assertThat(f.service.outboxNames(null, 10)).hasSize(1);
        }
    }

    @Test
    void anEntryWhoseCommitNeverHappenedIsDiscarded() throws Exception {
        try (ObjectLayerFixture f = new ObjectLayerFixture(dir, 2, 2, 4096)) {
            Hook hook = new Hook();
            f.service.commitEvents(hook);
            f.service.createBucket("b");
            f.put("b", "k", new byte[] {1});
            hook.crashAfterRecord = true;
            assertThatThrownBy(() -> f.put("b", "k", new byte[] {2, 2})).hasMessageContaining("died");
            assertThatThrownBy(() -> f.service.deleteObject("b", "k", null)).hasMessageContaining("died");
            hook.crashAfterRecord = false;
            assertThat(f.get("b", "k", null)).containsExactly(1);

            f.reopen();
            f.service.commitEvents(hook);
            List<OutboxEntry> entries = all(f.service);
            assertThat(entries).extracting(OutboxEntry::size).containsExactly(1L);
            // the failed DELETE discarded the failed PUT's entry, the reader the DELETE's
            assertThat(hook.discarded).hasValue(2);
        }
    }

    @Test
    void theNextWriterDecidesAPendingEntryBeforeItChangesTheKey() throws Exception {
        try (ObjectLayerFixture f = new ObjectLayerFixture(dir, 2, 2, 4096)) {
            Hook hook = new Hook();
            f.service.commitEvents(hook);
            f.service.createBucket("b");
            // a PUT commits (its entry still pending), then a DELETE the hook does not want brings the key back
            // to "absent": the PUT's entry must still count as committed
            f.put("b", "k", new byte[] {1});
            hook.wants = c -> c.kind() != ChangeKind.DELETE;
            f.service.deleteObject("b", "k", null);
            // a failed write leaves a pending entry; the next write of the key discards it before committing
            hook.wants = c -> true;
            hook.crashAfterRecord = true;
            assertThatThrownBy(() -> f.put("b", "k", new byte[] {2})).hasMessageContaining("died");
            hook.crashAfterRecord = false;
            f.put("b", "k", new byte[] {3, 3, 3});
            assertThat(hook.discarded).hasValue(1);

            assertThat(all(f.service)).extracting(OutboxEntry::size).containsExactly(1L, 3L);
        }
    }

    @Test
    void aRefusingHookFailsTheWriteAndStoresNothing() throws Exception {
        try (ObjectLayerFixture f = new ObjectLayerFixture(dir, 2, 2, 4096)) {
            f.service.commitEvents(change -> {
                throw new IllegalStateException("outbox full");
            });
            f.service.createBucket("b");
            assertThatThrownBy(() -> f.put("b", "k", ObjectLayerFixture.random(9000, 2)))
                    .hasMessageContaining("outbox full");
            assertThatThrownBy(() -> f.service.headObject("b", "k", null))
                    .isInstanceOf(ObjectNotFoundException.class);
            assertThat(f.service.outboxNames(null, 10)).isEmpty();
        }
    }
}
