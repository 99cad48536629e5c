package io.cairn.object;

import io.cairn.storage.ListPage;
import io.cairn.storage.ShardStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The union of the sorted key listings of several drives, in S3 order, each key once. Drives are paged
 * lazily; a drive that fails is left out (the keys it held are on other drives too).
 */
final class MergedKeys {

    private static final int PAGE = 1000;

    private final List<Source> sources = new ArrayList<>();

    MergedKeys(List<ShardStore> drives, String volume, String prefix, String startAfter) {
        for (ShardStore d : drives) {
            sources.add(new Source(d, volume, prefix, startAfter));
        }
    }

    /** The next key in order, or null at the end. */
    String next() {
        String min = null;
        for (Source s : sources) {
            String head = s.peek();
            if (head != null && (min == null || KeyOrder.compare(head, min) < 0)) {
                min = head;
            }
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
                } catch (RuntimeException e) {
                    exhausted = true;
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
