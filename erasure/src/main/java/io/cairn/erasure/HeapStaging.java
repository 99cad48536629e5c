package io.cairn.erasure;

import java.nio.ByteBuffer;

/**
 * Gives kernels plain arrays to work on. Heap buffers are used in place (array + arrayOffset +
 * position); any other buffer (direct, read-only) is copied in chunks through scratch arrays owned by
 * the calling thread, so a kernel never touches a buffer's position and never sees direct memory.
 */
final class HeapStaging {

    /** Small enough that k + m scratch chunks stay in the L2 cache while the kernel runs. */
    static final int CHUNK = 16 * 1024;

    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0][]);

    private HeapStaging() {
    }

    static void multiply(CodingKernel kernel, byte[][] rows, ByteBuffer[] inputs, ByteBuffer[] outputs,
            int length) {
        Slices in = Slices.of(inputs);
        Slices out = Slices.of(outputs);
        if (in.stagedCount == 0 && out.stagedCount == 0) {
            kernel.multiply(rows, in.arrays, in.base, out.arrays, out.base, length);
            return;
        }
        byte[][] scratch = scratch(in.stagedCount + out.stagedCount);
        in.attachScratch(scratch, 0);
        out.attachScratch(scratch, in.stagedCount);
        for (int done = 0; done < length; done += CHUNK) {
            int n = Math.min(CHUNK, length - done);
            in.moveTo(done);
            out.moveTo(done);
            for (int c = 0; c < inputs.length; c++) {
                if (in.staged[c]) {
                    inputs[c].get(inputs[c].position() + done, in.arrays[c], 0, n);
                }
            }
            kernel.multiply(rows, in.arrays, in.offsets, out.arrays, out.offsets, n);
            for (int r = 0; r < outputs.length; r++) {
                if (out.staged[r]) {
                    outputs[r].put(outputs[r].position() + done, out.arrays[r], 0, n);
                }
            }
        }
    }

    /** Arrays and offsets standing for a set of buffers. */
    private static final class Slices {
        final byte[][] arrays;
        final int[] base;
        final int[] offsets;
        final boolean[] staged;
        int stagedCount;

        private Slices(int count) {
            arrays = new byte[count][];
            base = new int[count];
            offsets = new int[count];
            staged = new boolean[count];
        }

        static Slices of(ByteBuffer[] buffers) {
            Slices s = new Slices(buffers.length);
            for (int i = 0; i < buffers.length; i++) {
                ByteBuffer b = buffers[i];
                if (b.hasArray()) {
                    s.arrays[i] = b.array();
                    s.base[i] = b.arrayOffset() + b.position();
                } else {
                    s.staged[i] = true;
                    s.stagedCount++;
                }
            }
            return s;
        }

        void attachScratch(byte[][] scratch, int first) {
            int next = first;
            for (int i = 0; i < arrays.length; i++) {
                if (staged[i]) {
                    arrays[i] = scratch[next++];
                }
            }
        }

        /** Staged slices always start at 0 of their scratch array; the others advance through their array. */
        void moveTo(int done) {
            for (int i = 0; i < arrays.length; i++) {
                offsets[i] = staged[i] ? 0 : base[i] + done;
            }
        }
    }

    private static byte[][] scratch(int count) {
        byte[][] pool = SCRATCH.get();
        if (pool.length < count) {
            byte[][] grown = new byte[count][];
            for (int i = 0; i < count; i++) {
                grown[i] = i < pool.length ? pool[i] : new byte[CHUNK];
            }
            SCRATCH.set(grown);
            pool = grown;
        }
        return pool;
    }
}
