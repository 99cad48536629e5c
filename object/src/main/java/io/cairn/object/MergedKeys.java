package io.cairn.object;

import io.cairn.storage.ListPage;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The union of the sorted key listings of several drives, in S3 order, each key once. Drives are paged
 * lazily; a drive that fails is left out (the keys it held are on other drives too), but a listing that
 * fewer than its quorum of drives answered fails: it could be missing any key, and an empty or partial
 * listing would tell a client that objects are gone.
 */
final class MergedKeys {

    private static final int PAGE = 1000;

    private final List<Source> sources = new ArrayList<>();
    private final int quorum;
    private final String volume;

    /** {@code quorum}: drives that must answer for the listing to stand (0: any number, for heal scans). */
    MergedKeys(List<ShardStore> drives, String volume, String prefix, String startAfter, int quorum) {
        for (ShardStore d : drives) {
            sources.add(new Source(d, volume, prefix, startAfter));
        }
        this.quorum = quorum;
        this.volume = volume;
    }

    /** The next key in order, or null at the end. */
    String next() {
        String min = null;
        int failed = 0;
        for (Source s : sources) {
            String head = s.peek();
            if (head != null && (min == null || KeyOrder.compare(head, min) < 0)) {
                min = head;
            }
            if (s.failed) {
                failed++;
            }
        }
        if (sources.size() - failed < quorum) {
            throw new QuorumException("listing " + volume + ": " + (sources.size() - failed) + " drives answered, "
                    + quorum + " needed");
        }
        if (min == null) {
            return null;
        }
        for (Source s : sources) {
            String head = s.peek();
            if (head != null && head.equals(min)) {
                s.pop();
            }
        }
        return min;
    }

    private static final class Source {
        private final ShardStore drive;
        private final String volume;
        private final String prefix;
        private String cursor;
        private final Deque<String> buffer = new ArrayDeque<>();
        private boolean exhausted;
        /** The drive did not answer; one without the volume answered that it has no keys. */
        private boolean failed;

        Source(ShardStore drive, String volume, String prefix, String startAfter) {
            this.drive = drive;
            this.volume = volume;
            this.prefix = prefix;
            this.cursor = startAfter;
        }

        String peek() {
            if (buffer.isEmpty() && !exhausted) {
                try {
                    ListPage page = drive.list(volume, prefix, cursor, PAGE);
                    buffer.addAll(page.keys());
                    exhausted = !page.truncated() || page.keys().isEmpty();
                    if (!page.keys().isEmpty()) {
                        cursor = page.keys().get(page.keys().size() - 1);
                    }
                } catch (NotFoundException e) {
                    exhausted = true;
                    buffer.clear();
                } catch (RuntimeException e) {
                    exhausted = true;
                    failed = true;
                    buffer.clear();
                }
            }
            return buffer.peekFirst();
        }

        void pop() {
            buffer.pollFirst();
        }
    }
}
