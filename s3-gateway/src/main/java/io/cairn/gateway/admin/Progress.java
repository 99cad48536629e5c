package io.cairn.gateway.admin;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long admin operation (heal, rebalance, scan): done of total, rate and ETA. On a terminal
 * one line is redrawn in place at most every {@code interval}; otherwise (a pipe, a log file) a plain line
 * is printed only every {@code quietInterval}, so logs stay short and line-based. {@link #finish} always
 * prints the final line.
 */
public final class Progress {

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long start;
    private long done;
    private long lastPrint;

    /** {@code total} &lt;= 0 when unknown. Terminal output when {@code System.console()} exists. */
    public static Progress of(String what, long total) {
        return new Progress(what, total, System.out, System.console() != null, System::nanoTime);
    }

    Progress(String what, long total, PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
    }

    /** Records {@code n} more items done; prints when the interval has passed. */
    public synchronized void advance(long n) {
        done += n;
        long now = nanoClock.getAsLong();
        if (now - lastPrint >= intervalNanos) {
            lastPrint = now;
            print(now, false);
        }
    }

    public synchronized void finish() {
        print(nanoClock.getAsLong(), true);
    }

    synchronized String line(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        StringBuilder b = new StringBuilder(what).append(": ").append(done);
        if (total > 0) {
            b.append('/').append(total).append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
        }
        b.append(String.format(Locale.ROOT, ", %.1f/s", rate));
        if (total > 0 && done < total) {
            b.append(", ETA ").append(rate > 0 ? duration((long) ((total - done) / rate)) : "unknown");
        } else {
            b.append(", elapsed ").append(duration((long) secs));
        }
        return b.toString();
    }

    private void print(long now, boolean last) {
        String line = line(now);
        if (terminal) {
            // \r and erase-to-end-of-line redraw the same line; the final one ends it.
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
