package io.cairn.erasure;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C of cells: stored beside every cell so a reader detects bit rot before it decodes. CRC32C
 * because the JDK computes it with the CPU's CRC instructions, several GiB/s per core.
 */
public final class CellChecksums {

    private CellChecksums() {
    }

    /** CRC32C of the bytes between the buffer's position and limit; the position does not move. */
    public static int crc32c(ByteBuffer cell) {
        CRC32C crc = new CRC32C();
        if (cell.hasArray()) {
            crc.update(cell.array(), cell.arrayOffset() + cell.position(), cell.remaining());
        } else {
            crc.update(cell.duplicate());
        }
        return (int) crc.getValue();
    }

    /** CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** True when the cell's bytes have the given checksum. */
    public static boolean matches(ByteBuffer cell, int expected) {
        return crc32c(cell) == expected;
    }

    /** The usual 8-hex-digit spelling of a checksum, for manifests and logs. */
    public static String hex(int checksum) {
        return String.format("%08x", checksum);
    }
}
