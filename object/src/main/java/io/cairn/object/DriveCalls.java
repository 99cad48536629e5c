package io.cairn.object;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.ShardStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Runs one call on several drives at once, each bounded by a timeout, so that a hung drive delays a
 * request by at most the timeout and never blocks it. A drive that timed out is reported as offline.
 */
final class DriveCalls {

    /** The result of one drive's call: a value or the failure. */
    record Outcome<T>(T value, RuntimeException error) {
        boolean ok() {
            return error == null;
        }
    }

    private final ExecutorService executor;
    private final Duration timeout;

    DriveCalls(ExecutorService executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    ExecutorService executor() {
        return executor;
    }

    Duration timeout() {
        return timeout;
    }

    /** Calls {@code op} on every drive in parallel; entry i of the result belongs to drive i. */
    <T> List<Outcome<T>> onAll(List<ShardStore> drives, Function<ShardStore, T> op) {
        List<Future<T>> futures = new ArrayList<>(drives.size());
        for (ShardStore drive : drives) {
            futures.add(drive == null ? null : executor.submit(() -> op.apply(drive)));
        }
        return collect(drives, futures);
    }

    /** Calls {@code op} with each index in parallel (for calls that need more than the drive). */
    <T> List<Outcome<T>> onEach(int count, IntFunction<T> op) {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(executor.submit(() -> op.apply(index)));
        }
        return collect(null, futures);
    }

    private <T> List<Outcome<T>> collect(List<ShardStore> drives, List<Future<T>> futures) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Outcome<T>> out = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            Future<T> f = futures.get(i);
            if (f == null) {
                out.add(new Outcome<>(null, new DriveOfflineException("no drive")));
                continue;
            }
            out.add(await(f, deadline, drives == null ? "call " + i : drives.get(i).id()));
        }
        return out;
    }

    /** Waits for one future until the shared deadline. */
    <T> Outcome<T> await(Future<T> f, long deadlineNanos, String what) {
        try {
            long wait = Math.max(0, deadlineNanos - System.nanoTime());
            return new Outcome<>(f.get(wait, TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome<>(null, new DriveOfflineException(what + ": no answer within " + timeout));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Outcome<>(null, c instanceof RuntimeException r ? r
                    : new DriveOfflineException(what + ": " + c, c));
        } catch (CancellationException e) {
            return new Outcome<>(null, new DriveOfflineException(what + ": cancelled"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new QuorumException("interrupted");
        }
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    static <T> long countOk(List<Outcome<T>> outcomes) {
        return outcomes.stream().filter(Outcome::ok).count();
    }
}
