package io.cairn.storage.node;

import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardWriter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shard writes that clients have opened on this node, by an unguessable id. A write whose client went
 * away (crashed, partitioned) is aborted once it has been idle for the idle timeout, so its temp file
 * does not linger; closing the node aborts all of them.
 */
final class WriteSessions {

    private static final Logger log = LoggerFactory.getLogger(WriteSessions.class);

    private record Session(String drive, ShardWriter writer, AtomicLong lastUsed) {
    }

    private final Map<String, Session> open = new ConcurrentHashMap<>();
    private final long idleTimeoutNanos;
    private final LongSupplier ticker;

    /** {@code ticker}: monotonic nanoseconds that idleness is measured on. */
    WriteSessions(long idleTimeoutNanos, LongSupplier ticker) {
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.ticker = ticker;
    }

    String add(String drive, ShardWriter writer) {
        String id = UUID.randomUUID().toString();
        open.put(id, new Session(drive, writer, new AtomicLong(ticker.getAsLong())));
        return id;
    }

    /** The open write {@code id} of {@code drive}; {@link NotFoundException} when it is finished or expired. */
    ShardWriter get(String drive, String id) {
        Session session = open.get(id);
        if (session == null || !session.drive.equals(drive)) {
            throw new NotFoundException("no open shard write " + id + " on drive " + drive
                    + " (already finished, or aborted after being idle)");
        }
        session.lastUsed.set(ticker.getAsLong());
        return session.writer;
    }

    /** Forgets the write (after commit or abort). */
    void remove(String id) {
        open.remove(id);
    }

    void abortIdle() {
        long now = ticker.getAsLong();
        open.forEach((id, session) -> {
            if (now - session.lastUsed.get() > idleTimeoutNanos && open.remove(id, session)) {
                log.info("aborting shard write {} on drive {}: idle for too long", id, session.drive);
                abortQuietly(session.writer);
            }
        });
    }

    void abortAll() {
        open.keySet().forEach(id -> {
            Session session = open.remove(id);
            if (session != null) {
                abortQuietly(session.writer);
            }
        });
    }

    int size() {
        return open.size();
    }

    private static void abortQuietly(ShardWriter writer) {
        try {
            writer.abort();
        } catch (RuntimeException e) {
            log.warn("aborting an abandoned shard write failed: {}", e.toString());
        }
    }
}
