package io.cairn.erasure;

import java.nio.ByteBuffer;

/**
 * Multiplies a coefficient matrix by a set of equally long byte strings: for every output r and byte
 * offset i, {@code outputs[r][i] = XOR over c of rows[r][c] * inputs[c][i]} in GF(2^8). Encoding and
 * reconstruction are both this one operation with different matrices. Implementations are stateless
 * and thread-safe.
 */
interface CodingKernel {

    /**
     * Works on {@code length} bytes from each buffer's position, reading and writing with absolute
     * indexes so no position or limit moves. Buffers without an accessible array (direct, read-only) are
     * staged through per-thread scratch arrays.
     */
    default void multiply(byte[][] rows, ByteBuffer[] inputs, ByteBuffer[] outputs, int length) {
        HeapStaging.multiply(this, rows, inputs, outputs, length);
    }

    /** The same on array slices: input c starts at {@code in[c][inOff[c]]}, output r at {@code out[r][outOff[r]]}. */
    void multiply(byte[][] rows, byte[][] in, int[] inOff, byte[][] out, int[] outOff, int length);
}
