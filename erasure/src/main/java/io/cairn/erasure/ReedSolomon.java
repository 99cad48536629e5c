package io.cairn.erasure;

import java.nio.ByteBuffer;

/**
 * A systematic Reed-Solomon codec with k data shards and m parity shards over GF(2^8).
 * Thread-safe; instances are cheap to share. Buffer positions and limits are never changed: every
 * operation works on the bytes between each buffer's position and limit, which must be equal in length.
 */
public final class ReedSolomon {

    /** Which multiply-and-add kernel to run. */
    public enum Kernel { SCALAR, VECTOR, AUTO }

    private ReedSolomon(int dataShards, int parityShards, Kernel kernel) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A codec with the fastest kernel available in this JVM. */
    public static ReedSolomon create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, Kernel.AUTO);
    }

    public static ReedSolomon create(int dataShards, int parityShards, Kernel kernel) {
        return new ReedSolomon(dataShards, parityShards, kernel);
    }

    public int dataShards() {
        throw new UnsupportedOperationException("TODO");
    }

    public int parityShards() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The kernel actually in use (AUTO resolved). */
    public Kernel kernel() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Computes the m parity shards from the k data shards. */
    public void encode(ByteBuffer[] data, ByteBuffer[] parity) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Rebuilds the missing shards ({@code null} entries of {@code shards}, length k+m) from any k present
     * ones; the rebuilt shards are new heap buffers put into the array. Throws
     * {@link NotEnoughShardsException} when fewer than k are present.
     */
    public void reconstruct(ByteBuffer[] shards) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Like {@link #reconstruct(ByteBuffer[])} but writes into caller-provided buffers: every entry of
     * {@code shards} is non-null, {@code present[i]} says which hold valid bytes; the others are
     * overwritten. With {@code dataOnly}, missing parity shards are left untouched.
     */
    public void reconstruct(ByteBuffer[] shards, boolean[] present, boolean dataOnly) {
        throw new UnsupportedOperationException("TODO");
    }
}
