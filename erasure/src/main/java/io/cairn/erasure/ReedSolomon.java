package io.cairn.erasure;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * A systematic Reed-Solomon codec with k data shards and m parity shards over GF(2^8).
 * Thread-safe; instances are cheap to share. Buffer positions and limits are never changed: every
 * operation works on the bytes between each buffer's position and limit, which must be equal in length.
 *
 * <p>The coding matrix is an (k+m) x k Vandermonde matrix multiplied by the inverse of its top k x k
 * square: the top becomes the identity (data shards are stored as they are) and any k rows stay
 * independent, so any k shards rebuild the rest.
 */
public final class ReedSolomon {

    /** Which multiply-and-add kernel to run. */
    public enum Kernel { SCALAR, VECTOR, AUTO }

    private final int dataShards;
    private final int parityShards;
    private final Kernel kernelKind;
    private final CodingKernel kernel;
    private final byte[][] parityRows;
    private final DecodePlans plans;

    private ReedSolomon(int dataShards, int parityShards, Kernel kernel) {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > 256) {
            throw new IllegalArgumentException("invalid scheme " + dataShards + "+" + parityShards
                    + ": need k >= 1, m >= 1, k + m <= 256");
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.kernelKind = resolve(kernel);
        this.kernel = kernelKind == Kernel.VECTOR ? Kernels.vector() : Kernels.scalar();
        Matrix vandermonde = Matrix.vandermonde(dataShards + parityShards, dataShards);
        Matrix encoding = vandermonde.times(vandermonde.rowRange(0, dataShards).inverse());
        this.parityRows = new byte[parityShards][];
        for (int p = 0; p < parityShards; p++) {
            parityRows[p] = encoding.row(dataShards + p);
        }
        this.plans = new DecodePlans(encoding, dataShards);
    }

    private static Kernel resolve(Kernel kernel) {
        if (kernel == Kernel.AUTO) {
            return Kernels.vectorAvailable() ? Kernel.VECTOR : Kernel.SCALAR;
        }
        return kernel;
    }

    /** A codec with the fastest kernel available in this JVM. */
    public static ReedSolomon create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, Kernel.AUTO);
    }

    /**
     * A codec with the given kernel; {@code VECTOR} throws {@link IllegalStateException} when the JVM
     * runs without {@code --add-modules jdk.incubator.vector}.
     */
    public static ReedSolomon create(int dataShards, int parityShards, Kernel kernel) {
        return new ReedSolomon(dataShards, parityShards, kernel);
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    /** The kernel actually in use (AUTO resolved). */
    public Kernel kernel() {
        return kernelKind;
    }

    /** The kernel in use and its settings, e.g. {@code VECTOR species=128}, for logs and benchmarks. */
    public String kernelDescription() {
        return kernel.toString();
    }

    /** Computes the m parity shards from the k data shards. */
    public void encode(ByteBuffer[] data, ByteBuffer[] parity) {
        checkCount("data", data, dataShards);
        checkCount("parity", parity, parityShards);
        int length = commonLength(data, parity);
        kernel.multiply(parityRows, data, parity, length);
    }

    /**
     * Rebuilds the missing shards ({@code null} entries of {@code shards}, length k+m) from any k present
     * ones; the rebuilt shards are new heap buffers put into the array. Throws
     * {@link NotEnoughShardsException} when fewer than k are present.
     */
    public void reconstruct(ByteBuffer[] shards) {
        checkCount("shards", shards, dataShards + parityShards);
        boolean[] present = new boolean[shards.length];
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] != null) {
                present[i] = true;
                length = shards[i].remaining();
            }
        }
        checkEnough(present);
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) {
                shards[i] = ByteBuffer.allocate(length);
            }
        }
        reconstruct(shards, present, false);
    }

    /**
     * Like {@link #reconstruct(ByteBuffer[])} but writes into caller-provided buffers: every entry of
     * {@code shards} is non-null, {@code present[i]} says which hold valid bytes; the others are
     * overwritten. With {@code dataOnly}, missing parity shards are left untouched.
     */
    public void reconstruct(ByteBuffer[] shards, boolean[] present, boolean dataOnly) {
        int total = dataShards + parityShards;
        checkCount("shards", shards, total);
        if (present.length != total) {
            throw new IllegalArgumentException("present has " + present.length + " entries, expected " + total);
        }
        int length = commonLength(shards);
        BitSet presentSet = checkEnough(present);
        int wanted = 0;
        for (int i = 0; i < total; i++) {
            if (!present[i] && (i < dataShards || !dataOnly)) {
                wanted++;
            }
        }
        if (wanted == 0) {
            return;
        }
        DecodePlans.Plan plan = plans.forPresent(presentSet);
        ByteBuffer[] inputs = new ByteBuffer[dataShards];
        for (int i = 0; i < dataShards; i++) {
            inputs[i] = shards[plan.survivors()[i]];
        }
        byte[][] rows = new byte[wanted][];
        ByteBuffer[] outputs = new ByteBuffer[wanted];
        int next = 0;
        for (int i = 0; i < total; i++) {
            if (!present[i] && (i < dataShards || !dataOnly)) {
                rows[next] = plan.rowsByShard()[i];
                outputs[next++] = shards[i];
            }
        }
        kernel.multiply(rows, inputs, outputs, length);
    }

    /** How many erasure patterns have a cached decode matrix; for tests and metrics. */
    int cachedDecodePlans() {
        return plans.cachedCount();
    }

    private BitSet checkEnough(boolean[] present) {
        BitSet set = new BitSet(present.length);
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                set.set(i);
            }
        }
        if (set.cardinality() < dataShards) {
            throw new NotEnoughShardsException("only " + set.cardinality() + " of " + present.length
                    + " shards present, " + dataShards + " needed to rebuild");
        }
        return set;
    }

    private static void checkCount(String what, ByteBuffer[] buffers, int expected) {
        if (buffers.length != expected) {
            throw new IllegalArgumentException(what + " has " + buffers.length + " buffers, expected " + expected);
        }
    }

    private static int commonLength(ByteBuffer[]... groups) {
        int length = -1;
        for (ByteBuffer[] group : groups) {
            for (ByteBuffer b : group) {
                if (b == null) {
                    throw new IllegalArgumentException("null buffer");
                }
                if (length < 0) {
                    length = b.remaining();
                } else if (b.remaining() != length) {
                    throw new IllegalArgumentException("buffers differ in length: " + length + " and " + b.remaining());
                }
            }
        }
        return length;
    }

    @Override
    public String toString() {
        return "ReedSolomon(" + dataShards + "+" + parityShards + ", " + kernel + ")";
    }
}
