package io.cairn.placement;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 as specified in xxHash's doc/xxhash_spec.md (version 0.1.1): a fast, well-distributed, stable 64-bit
 * hash. Stability is the point: the group of every stored object is derived from it, so this function may never
 * change its output. Inputs are read little-endian, as the specification requires, whatever the platform.
 */
final class XxHash64 {
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private XxHash64() {
    }

    static long hash(byte[] input, long seed) {
        return hash(input, 0, input.length, seed);
    }

    static long hash(byte[] in, int offset, int length, long seed) {
        int end = offset + length;
        int p = offset;
        long acc;
        if (length >= 32) {
            long v1 = seed + PRIME_1 + PRIME_2;
            long v2 = seed + PRIME_2;
            long v3 = seed;
            long v4 = seed - PRIME_1;
            for (int limit = end - 32; p <= limit; p += 32) {
                v1 = round(v1, (long) LONGS.get(in, p));
                v2 = round(v2, (long) LONGS.get(in, p + 8));
                v3 = round(v3, (long) LONGS.get(in, p + 16));
                v4 = round(v4, (long) LONGS.get(in, p + 24));
            }
            acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            acc = merge(acc, v1);
            acc = merge(acc, v2);
            acc = merge(acc, v3);
            acc = merge(acc, v4);
        } else {
            acc = seed + PRIME_5;
        }
        acc += length;
        for (; p + 8 <= end; p += 8) {
            acc ^= round(0, (long) LONGS.get(in, p));
            acc = Long.rotateLeft(acc, 27) * PRIME_1 + PRIME_4;
        }
        if (p + 4 <= end) {
            acc ^= ((int) INTS.get(in, p) & 0xFFFFFFFFL) * PRIME_1;
            acc = Long.rotateLeft(acc, 23) * PRIME_2 + PRIME_3;
            p += 4;
        }
        for (; p < end; p++) {
            acc ^= (in[p] & 0xFFL) * PRIME_5;
            acc = Long.rotateLeft(acc, 11) * PRIME_1;
        }
        return avalanche(acc);
    }

    private static long round(long acc, long lane) {
        return Long.rotateLeft(acc + lane * PRIME_2, 31) * PRIME_1;
    }

    private static long merge(long acc, long v) {
        return (acc ^ round(0, v)) * PRIME_1 + PRIME_4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        return h ^ (h >>> 32);
    }
}
