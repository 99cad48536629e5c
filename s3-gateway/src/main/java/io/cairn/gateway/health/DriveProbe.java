package io.cairn.gateway.health;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.ShardStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Asks every drive for its {@link ShardStore#driveInfo()} in parallel, waits at most {@code timeout} in
 * total, and caches the answer for {@code maxAge}, so health checks and scrapes cost at most one probe per
 * period and never wait on a hung drive for longer than the timeout. A drive whose previous probe is still
 * running is reported offline without being asked again, so a hung drive holds at most one thread.
 */
public final class DriveProbe implements AutoCloseable {

    private final List<ShardStore> drives;
    private final Duration timeout;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final ExecutorService probes;
    private final List<CompletableFuture<DriveInfo>> running;
    private List<DriveState> last;
    private long lastAt;

    /** {@code clock} dates the cached answer; a clock set back makes it stale at once. */
    public DriveProbe(List<ShardStore> drives, Duration timeout, Duration maxAge, Clock clock) {
        this(drives, timeout, maxAge, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
    }

    DriveProbe(List<ShardStore> drives, Duration timeout, Duration maxAge, LongSupplier nanoClock) {
        this.drives = List.copyOf(drives);
        this.timeout = timeout;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        AtomicInteger n = new AtomicInteger();
        this.probes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-drive-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.running = new ArrayList<>();
        for (int i = 0; i < this.drives.size(); i++) {
            running.add(null);
        }
    }

    public int driveCount() {
        return drives.size();
    }

    /** The drives' states, at most {@code maxAge} old; blocks at most {@code timeout}. */
    public synchronized List<DriveState> states() {
        long now = nanoClock.getAsLong();
        if (last != null && now - lastAt < maxAgeNanos && now >= lastAt) {
            return last;
        }
        for (int i = 0; i < drives.size(); i++) {
            CompletableFuture<DriveInfo> f = running.get(i);
            if (f == null || f.isDone()) {
                ShardStore d = drives.get(i);
                running.set(i, CompletableFuture.supplyAsync(d::driveInfo, probes));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DriveState> states = new ArrayList<>(drives.size());
        for (int i = 0; i < drives.size(); i++) {
            states.add(collect(i, running.get(i), deadline));
        }
        last = List.copyOf(states);
        lastAt = nanoClock.getAsLong();
        return last;
    }

    /** How many drives the last probe (made now if stale) found online. */
    public int online() {
        int n = 0;
        for (DriveState s : states()) {
            if (s.online()) {
                n++;
            }
        }
        return n;
    }

    private DriveState collect(int i, CompletableFuture<DriveInfo> f, long deadline) {
        String id = drives.get(i).id();
        try {
            DriveInfo info = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new DriveState(i + 1, id, info.online(), info.totalBytes(), info.freeBytes(),
                    info.online() ? null : info.problem() != null ? info.problem() : "drive reports offline");
        } catch (TimeoutException e) {
            return new DriveState(i + 1, id, false, -1, -1, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new DriveState(i + 1, id, false, -1, -1, cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DriveState(i + 1, id, false, -1, -1, "interrupted");
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
