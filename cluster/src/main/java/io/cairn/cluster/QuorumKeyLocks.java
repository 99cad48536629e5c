package io.cairn.cluster;

import io.cairn.object.KeyLockService;

import io.cairn.object.ObjectPlacement;
import io.cairn.object.QuorumException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.KeyFence;
import io.cairn.storage.ShardStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Key locks across gateways, kept by the drives of the key's placement ({@link KeyFence}):
 * <ol>
 * <li>lease the key on every drive of its placement; fewer than the write quorum granted: release and retry
 *     after a short random pause, until the wait runs out;</li>
 * <li>token = 1 + the highest token any granting drive holds; fence it on the granting drives, which store it
 *     durably; fewer than the write quorum fenced: release and retry.</li>
 * </ol>
 * Any two write quorums of one placement share a drive, so a writer that locks after an earlier lease expired
 * sees the earlier token and fences a higher one on a write quorum, and the earlier writer can then commit on
 * fewer drives than a write quorum.
 */
public final class QuorumKeyLocks implements KeyLockService {

    private final ObjectPlacement placement;
    private final int quorum;
    private final Duration ttl;
    private final Duration wait;
    private final Duration callTimeout;
    private final ExecutorService executor;

    public QuorumKeyLocks(ObjectPlacement placement, int quorum, Duration ttl, Duration wait, Duration callTimeout,
                          ExecutorService executor) {
        this.placement = placement;
        this.quorum = quorum;
        this.ttl = ttl;
        this.wait = wait;
        this.callTimeout = callTimeout;
        this.executor = executor;
    }

    @Override
    public Lease lock(String volume, String key) {
        String owner = UUID.randomUUID().toString();
        List<ShardStore> drives = placement.placement(volume, key);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Lease lease = attempt(drives, volume, key, owner);
            if (lease != null) {
                return lease;
            }
            release(drives, volume, key, owner);
            if (System.nanoTime() - deadline >= 0) {
                throw new QuorumException("could not lock " + volume + "/" + key + " on " + quorum + " of "
                        + drives.size() + " drives within " + wait);
            }
            pause();
        }
    }

    private Lease attempt(List<ShardStore> drives, String volume, String key, String owner) {
        List<Long> held = onEach(drives, f -> f.acquireLease(volume, key, owner, ttl.toMillis()));
        List<ShardStore> granted = new ArrayList<>();
        long highest = 0;
        for (int i = 0; i < drives.size(); i++) {
            if (held.get(i) != null) {
                granted.add(drives.get(i));
                highest = Math.max(highest, held.get(i));
            }
        }
        if (granted.size() < quorum) {
            return null;
        }
        long token = highest + 1;
        long fenced = onEach(granted, f -> {
            f.fence(volume, key, owner, token);
            return Boolean.TRUE;
        }).stream().filter(r -> r != null).count();
        return fenced >= quorum ? new Lease(volume, key, owner, token) : null;
    }

    @Override
    public void unlock(Lease lease) {
        release(placement.placement(lease.volume(), lease.key()), lease.volume(), lease.key(), lease.owner());
    }

    private void release(List<ShardStore> drives, String volume, String key, String owner) {
        onEach(drives, f -> {
            f.releaseLease(volume, key, owner);
            return Boolean.TRUE;
        });
    }

    /** Runs {@code call} on every drive that keeps leases, in parallel; null for a drive that failed or is slow. */
    private <T> List<T> onEach(List<ShardStore> drives, Function<KeyFence, T> call) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (ShardStore d : drives) {
            futures.add(d instanceof KeyFence f ? CompletableFuture.supplyAsync(() -> call.apply(f), executor)
                    : CompletableFuture.failedFuture(new DriveOfflineException(d.id() + " keeps no leases")));
        }
        long deadline = System.nanoTime() + callTimeout.toNanos();
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                f.cancel(true);
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuorumException("interrupted while locking");
            }
        }
        return out;
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuorumException("interrupted while locking");
        }
    }
}
