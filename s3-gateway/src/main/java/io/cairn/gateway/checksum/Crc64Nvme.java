package io.cairn.gateway.checksum;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the "CRC64NVME" of S3 flexible checksums): reflected polynomial 0x9A6C9329AC4BC9B5,
 * initial value and final xor all ones. Check value of "123456789" is 0xAE8B14860A799888.
 * Slicing-by-8 tables: one table lookup per byte would make this the slowest step of an upload.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial 0xAD93D23594C93659 bit-reversed, as a reflected CRC uses it. */
    private static final long REFLECTED_POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = buildTables();

    private long crc = ~0L;

    private static long[][] buildTables() {
        long[][] t = new long[8][256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ REFLECTED_POLY : c >>> 1;
            }
            t[0][i] = c;
        }
        for (int i = 0; i < 256; i++) {
            for (int k = 1; k < 8; k++) {
                long prev = t[k - 1][i];
                t[k][i] = (prev >>> 8) ^ t[0][(int) (prev & 0xff)];
            }
        }
        return t;
    }

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLES[0][(int) ((crc ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long word = (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16
                    | (b[i + 3] & 0xffL) << 24 | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40
                    | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
            c ^= word;
            c = TABLES[7][(int) (c & 0xff)] ^ TABLES[6][(int) ((c >>> 8) & 0xff)]
                    ^ TABLES[5][(int) ((c >>> 16) & 0xff)] ^ TABLES[4][(int) ((c >>> 24) & 0xff)]
                    ^ TABLES[3][(int) ((c >>> 32) & 0xff)] ^ TABLES[2][(int) ((c >>> 40) & 0xff)]
                    ^ TABLES[1][(int) ((c >>> 48) & 0xff)] ^ TABLES[0][(int) (c >>> 56)];
            i += 8;
        }
        for (; i < end; i++) {
            c = (c >>> 8) ^ TABLES[0][(int) ((c ^ b[i]) & 0xff)];
        }
        crc = c;
    }

    /** The finished CRC; unlike java.util.zip checksums all 64 bits are significant. */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = ~0L;
    }
}
