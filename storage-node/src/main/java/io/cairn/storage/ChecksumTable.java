package io.cairn.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The contents of a shard's {@code .crc} file: cell size, shard length and one CRC32C per cell.
 *
 * <p>Layout (all integers big-endian), see docs/FORMAT.md "Drive layout":
 * <pre>
 *  0  4  magic "CRNC"
 *  4  2  format version (1)
 *  6  2  reserved, 0
 *  8  4  cell size in bytes (&gt; 0)
 * 12  8  shard length in bytes
 * 20  4  cell count n = ceil(length / cell size)
 * 24  4  CRC32C of bytes 0..23
 * 28 4n  CRC32C of each cell, in order
 * 28+4n 4  CRC32C of the 4n bytes of cell checksums
 * </pre>
 * The exact file size (32 + 4n) and the two checksums make a torn or truncated file detectable.
 */
record ChecksumTable(int cellSize, long length, int[] cellCrcs) {

    static final int MAGIC = 0x43524E43; // "CRNC"
    static final short VERSION = 1;
    static final int HEADER_BYTES = 28;

    ChecksumTable {
        if (cellSize <= 0 || length < 0 || cellCrcs.length != cellCount(length, cellSize)) {
            throw new IllegalArgumentException("inconsistent checksum table");
        }
    }

    static long cellCount(long length, int cellSize) {
        return (length + cellSize - 1) / cellSize;
    }

    int cellCount() {
        return cellCrcs.length;
    }

    /** Length in bytes of cell {@code index} (the last one may be short). */
    int cellLength(long index) {
        return (int) Math.min(cellSize, length - index * cellSize);
    }

    static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 4 * cellCrcs.length + 4);
        out.putInt(MAGIC).putShort(VERSION).putShort((short) 0).putInt(cellSize).putLong(length)
                .putInt(cellCrcs.length);
        out.putInt(crc(out.duplicate().flip()));
        int tableStart = out.position();
        for (int c : cellCrcs) {
            out.putInt(c);
        }
        out.putInt(crc(out.duplicate().flip().position(tableStart)));
        return out.flip();
    }

    /** Parses a whole {@code .crc} file; throws {@link CorruptShardException} when it is damaged. */
    static ChecksumTable decode(ByteBuffer file, String shard) {
        if (file.remaining() < HEADER_BYTES + 4) {
            throw new CorruptShardException("checksum file of " + shard + " is truncated");
        }
        ByteBuffer header = file.duplicate().limit(file.position() + HEADER_BYTES - 4);
        if (file.getInt(file.position() + HEADER_BYTES - 4) != crc(header)) {
            throw new CorruptShardException("checksum file header of " + shard + " is damaged");
        }
        int magic = file.getInt();
        short version = file.getShort();
        file.getShort();
        int cellSize = file.getInt();
        long length = file.getLong();
        int count = file.getInt();
        file.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new CorruptShardException("checksum file of " + shard + " has an unknown format");
        }
        if (cellSize <= 0 || length < 0 || count != cellCount(length, cellSize)
                || file.remaining() != 4L * count + 4) {
            throw new CorruptShardException("checksum file of " + shard + " is truncated or inconsistent");
        }
        ByteBuffer table = file.duplicate().limit(file.position() + 4 * count);
        if (file.getInt(file.position() + 4 * count) != crc(table)) {
            throw new CorruptShardException("cell checksums of " + shard + " are damaged");
        }
        int[] crcs = new int[count];
        for (int i = 0; i < count; i++) {
            crcs[i] = file.getInt();
        }
        return new ChecksumTable(cellSize, length, crcs);
    }
}
