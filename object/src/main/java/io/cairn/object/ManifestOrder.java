package io.cairn.object;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.StaleFencingTokenException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Applies this process's manifest changes (writes and deletes) of one key on one drive one at a time, in the
 * order they were issued, and never one whose fencing token is below a change already applied there.
 *
 * <p>Why: a drive call that outlives the drive timeout is counted as failed by its caller, which then rolls back
 * and releases the key's lock, but the call itself may still be running (an interrupt stops a write or an fsync,
 * not a rename or an unlink stuck in the file system) and change the drive later. Unordered, such a late change
 * of a failed request (its commit, or the rollback of it) could land over the next, acknowledged commit of the
 * key: with four drives, read quorum two and ties going to the first drive, two stale copies out-vote the
 * acknowledged state, three stale deletes make the key absent. Ordered, a later change waits behind the stuck
 * one (or fails at its own timeout, as a drive that does not answer does), so what was applied last is what was
 * decided last. A call still waiting for its turn when its caller gives up leaves the queue without changing
 * anything.
 */
final class ManifestOrder {

    /** Highest tokens kept for keys with no change in flight, to refuse a straggler that comes late. */
    private static final int REMEMBERED = 65_536;

    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final Map<String, Turn> turns = new HashMap<>();
    private final Map<String, Long> highest = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * Runs {@code change} of {@code volume}/{@code key} on {@code drive} when the changes issued before it there
     * are done; {@code token} below 0 means unfenced. Throws {@link StaleFencingTokenException} without running it
     * when a higher token was applied already, and {@link DriveOfflineException} when interrupted while waiting.
     */
    <T> T apply(ShardStore drive, String volume, String key, long token, Supplier<T> change) {
        String name = drive.id() + '\u0000' + volume + '\u0000' + key;
        Turn turn;
        synchronized (this) {
            turn = turns.computeIfAbsent(name, n -> new Turn());
            turn.users++;
        }
        try {
            try {
                turn.lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriveOfflineException("gave up waiting to change the manifest of " + volume + "/" + key
                        + " on drive " + drive.id());
            }
            try {
                admit(name, token, volume, key, drive);
                return change.get();
            } finally {
                turn.lock.unlock();
            }
        } finally {
            synchronized (this) {
                if (--turn.users == 0) {
                    turns.remove(name);
                }
            }
        }
    }

    private synchronized void admit(String name, long token, String volume, String key, ShardStore drive) {
        if (token < 0) {
            return;
        }
        Long applied = highest.get(name);
        if (applied != null && token < applied) {
            throw new StaleFencingTokenException("a change of " + volume + "/" + key + " with token " + token
                    + " came after one with token " + applied + " on drive " + drive.id());
        }
        highest.put(name, token);
    }
}
