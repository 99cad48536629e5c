package io.cairn.gateway.s3;

import io.cairn.gateway.checksum.ChecksumAlgorithm;

/**
 * The CRC of a concatenation from the CRCs of its pieces and their lengths, for the reflected CRCs S3 uses
 * with full-object multipart checksums (CRC32, CRC32C, CRC64NVME: initial value and final xor all ones,
 * which cancel out when combining).
 *
 * <p>Appending n zero bytes to a message multiplies its CRC register by x^(8n) modulo the polynomial; that
 * map is linear over GF(2), so it is a width x width bit matrix, built for one zero bit from the polynomial
 * and squared repeatedly to reach 8n bits in log(n) steps. CRC(a+b) = shift(CRC(a), len(b)) xor CRC(b).
 */
final class CrcCombine {

    private CrcCombine() {
    }

    /** The reflected polynomial and width of a CRC algorithm; null for the digests. */
    static long[] parameters(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> new long[] {0xEDB88320L, 32};
            case CRC32C -> new long[] {0x82F63B78L, 32};
            case CRC64NVME -> new long[] {0x9A6C9329AC4BC9B5L, 64};
            default -> null;
        };
    }

    static long combine(long crcA, long crcB, long lengthB, long poly, int width) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] odd = new long[width];
        long[] even = new long[width];
        odd[0] = poly; // one zero bit: shift right, reducing by the polynomial when the low bit falls out
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd, width); // two zero bits
        square(odd, even, width); // four zero bits
        long crc = crcA;
        long len = lengthB;
        do {
            square(even, odd, width); // first pass: eight zero bits, one byte
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even, width);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        long v = vector;
        for (int i = 0; v != 0; i++, v >>>= 1) {
            if ((v & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] out, long[] matrix, int width) {
        for (int n = 0; n < width; n++) {
            out[n] = times(matrix, matrix[n]);
        }
    }

    static long fromBytes(byte[] raw) {
        long v = 0;
        for (byte b : raw) {
            v = v << 8 | (b & 0xff);
        }
        return v;
    }

    static byte[] toBytes(long value, int width) {
        byte[] out = new byte[width / 8];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
