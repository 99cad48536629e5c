package io.cairn.erasure.bench;

import io.cairn.erasure.ReedSolomon;
import io.cairn.erasure.StripeLayout;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Single-thread codec throughput, as {@code cairn bench codec} prints it: MiB/s of data bytes per
 * second of one core, for 1 MiB stripes. Like a server encoding fresh uploads, it cycles through
 * stripes spread over a 64 MiB working set rather than re-encoding one stripe that stays in cache (the
 * same method as the ISA-L reference benchmark). Options (all optional): {@code seconds=2.5} per line,
 * {@code kernel=AUTO|SCALAR|VECTOR}, {@code memory=heap|direct}, {@code ws_mib=64}.
 */
public final class CodecBench {

    private static final int STRIPE = 1 << 20;
    private static final double MIB = 1 << 20;

    private final PrintStream out;
    private final double seconds;
    private final ReedSolomon.Kernel kernel;
    private final boolean direct;
    private final int workingSetMiB;

    private CodecBench(PrintStream out, double seconds, ReedSolomon.Kernel kernel, boolean direct,
            int workingSetMiB) {
        this.out = out;
        this.seconds = seconds;
        this.kernel = kernel;
        this.direct = direct;
        this.workingSetMiB = workingSetMiB;
    }

    public static void main(String[] args) {
        run(System.out, args);
    }

    public static void run(PrintStream out, String[] args) {
        double seconds = 2.5;
        ReedSolomon.Kernel kernel = ReedSolomon.Kernel.AUTO;
        boolean direct = false;
        int workingSetMiB = 64;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String value = kv.length == 2 ? kv[1] : "";
            switch (kv[0]) {
                case "seconds" -> seconds = Double.parseDouble(value);
                case "kernel" -> kernel = ReedSolomon.Kernel.valueOf(value.toUpperCase(Locale.ROOT));
                case "memory" -> direct = value.equalsIgnoreCase("direct");
                case "ws_mib" -> workingSetMiB = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (seconds=, kernel=AUTO|SCALAR|VECTOR, memory=heap|direct, ws_mib=)");
            }
        }
        new CodecBench(out, seconds, kernel, direct, workingSetMiB).runAll();
    }

    private void runAll() {
        out.println("codec kernel=" + ReedSolomon.create(1, 1, kernel).kernelDescription()
                + " memory=" + (direct ? "direct" : "heap") + " ws=" + workingSetMiB + "MiB");
        encode(4, 2);
        encode(8, 4);
        encode(12, 4);
        reconstruct(8, 4, 4);
    }

    private void encode(int k, int m) {
        ReedSolomon rs = ReedSolomon.create(k, m, kernel);
        int cell = new StripeLayout(k, m, STRIPE).cellSize();
        int sets = sets(k + m, cell);
        ByteBuffer[][] data = new ByteBuffer[sets][];
        ByteBuffer[][] parity = new ByteBuffer[sets][];
        Random random = new Random(k);
        for (int s = 0; s < sets; s++) {
            data[s] = buffers(k, cell, random);
            parity[s] = buffers(m, cell, null);
        }
        int[] next = {0};
        double rate = measure(() -> {
            int s = next[0]++ % sets;
            rs.encode(data[s], parity[s]);
        }, (long) k * cell);
        out.printf(Locale.ROOT, "codec encode %d+%d stripe=1MiB: %.0f MiB/s%n", k, m, rate);
    }

    /** Loses the first {@code lost} data shards: the costliest pattern, every output is a data row. */
    private void reconstruct(int k, int m, int lost) {
        ReedSolomon rs = ReedSolomon.create(k, m, kernel);
        int cell = new StripeLayout(k, m, STRIPE).cellSize();
        int sets = sets(k + m, cell);
        ByteBuffer[][] shards = new ByteBuffer[sets][k + m];
        Random random = new Random(k);
        for (int s = 0; s < sets; s++) {
            ByteBuffer[] data = buffers(k, cell, random);
            ByteBuffer[] parity = buffers(m, cell, null);
            rs.encode(data, parity);
            System.arraycopy(data, 0, shards[s], 0, k);
            System.arraycopy(parity, 0, shards[s], k, m);
        }
        boolean[] present = new boolean[k + m];
        for (int i = lost; i < k + m; i++) {
            present[i] = true;
        }
        int[] next = {0};
        double rate = measure(() -> rs.reconstruct(shards[next[0]++ % sets], present, true), (long) k * cell);
        out.printf(Locale.ROOT, "codec reconstruct %d+%d lost=%d: %.0f MiB/s%n", k, m, lost, rate);
    }

    /** How many stripes fill the working set (at least two, so no stripe is coded twice in a row). */
    private int sets(int shards, int cell) {
        return (int) Math.max(2, ((long) workingSetMiB << 20) / ((long) shards * cell) + 1);
    }

    private ByteBuffer[] buffers(int count, int length, Random fill) {
        ByteBuffer[] buffers = new ByteBuffer[count];
        byte[] bytes = new byte[length];
        for (int i = 0; i < count; i++) {
            buffers[i] = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
            if (fill != null) {
                fill.nextBytes(bytes);
                buffers[i].put(0, bytes);
            }
        }
        return buffers;
    }

    /**
     * Warms up for a fifth of the time, then times five slices of the rest and reports the median
     * slice, so a neighbour's burst on a shared machine moves the result less than one long window.
     */
    private double measure(Runnable op, long bytesPerOp) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.2e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        double[] rates = new double[5];
        for (int slice = 0; slice < rates.length; slice++) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 0.16e9);
            long ops = 0;
            long now;
            do {
                op.run();
                ops++;
                now = System.nanoTime();
            } while (now < end);
            rates[slice] = ops * bytesPerOp / MIB / ((now - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }
}
