package io.cairn.object;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is told when a new object version commits (PUT, multipart completion, copy). Listeners run on the
 * committing thread after the manifest reached its quorum and the key's lock is released: they must be
 * quick, and one that throws never fails the write.
 */
final class CommitListeners {

    private static final Logger LOG = LoggerFactory.getLogger(CommitListeners.class);

    private final List<Consumer<ObjectInfo>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<ObjectInfo> listener) {
        listeners.add(listener);
    }

    void fire(ObjectInfo info) {
        for (Consumer<ObjectInfo> l : listeners) {
            try {
                l.accept(info);
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed for {}/{}: {}", info.bucket(), info.key(), e.toString());
            }
        }
    }
}
