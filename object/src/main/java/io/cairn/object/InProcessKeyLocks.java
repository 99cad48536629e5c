package io.cairn.object;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Key locks of a single process: one lock per key (held by the locking thread), and tokens from one counter,
 * so they only grow. Enough when no other process writes the same drives.
 */
public final class InProcessKeyLocks implements KeyLockService {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public Lease lock(String volume, String key) {
        String name = volume + "/" + key;
        while (true) {
            ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
            lock.lock();
            if (locks.get(name) == lock) {
                return new Lease(volume, key, UUID.randomUUID().toString(), tokens.incrementAndGet());
            }
            // removed by an unlock between our lookup and lock(): take the key's new lock
            lock.unlock();
        }
    }

    @Override
    public void unlock(Lease lease) {
        String name = lease.volume() + "/" + lease.key();
        ReentrantLock lock = locks.get(name);
        if (lock == null || !lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("key " + name + " is not locked by this thread");
        }
        if (!lock.hasQueuedThreads()) {
            locks.remove(name, lock);
        }
        lock.unlock();
    }
}
