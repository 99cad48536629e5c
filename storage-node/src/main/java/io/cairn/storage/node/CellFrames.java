package io.cairn.storage.node;

import io.cairn.storage.CorruptShardException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The body of a {@code readCells} response: per cell a 4-byte length, the cell's 4-byte CRC32C and its
 * bytes. The receiver checks every cell again, so a cell damaged anywhere between the drive and the
 * caller's buffer is caught.
 */
final class CellFrames {

    static final int FRAME_HEADER = 8;

    private CellFrames() {
    }

    /** CRC32C of the concatenated buffers, which are not moved. */
    static int crc(ByteBuffer... parts) {
        CRC32C crc = new CRC32C();
        for (ByteBuffer part : parts) {
            crc.update(part.duplicate());
        }
        return (int) crc.getValue();
    }

    /** Frames {@code cells} (as returned by a reader, already checked against the stored checksums). */
    static ByteBuf encode(ByteBuffer cells, int cellSize) {
        int count = (cells.remaining() + cellSize - 1) / cellSize;
        CompositeByteBuf out = Unpooled.compositeBuffer(Math.max(2, count * 2));
        for (int offset = 0; offset < cells.remaining(); offset += cellSize) {
            int length = Math.min(cellSize, cells.remaining() - offset);
            ByteBuffer cell = cells.duplicate().position(cells.position() + offset).limit(cells.position() + offset + length);
            ByteBuf header = Unpooled.buffer(FRAME_HEADER).writeInt(length).writeInt(crc(cell));
            out.addComponent(true, header);
            out.addComponent(true, Unpooled.wrappedBuffer(cell));
        }
        return out;
    }

    /** Bytes of the framed response for {@code bytes} of cells in {@code count} cells. */
    static long framedLength(long bytes, int count) {
        return bytes + (long) FRAME_HEADER * count;
    }

    /**
     * Checks each frame of {@code body} against the cell lengths the shard must have and against its
     * CRC32C, and moves the cells together in place; returns them as one buffer positioned at 0.
     */
    static ByteBuffer decode(byte[] body, int bodyLength, long firstCell, int count, int cellSize, long shardLength,
            String shard) {
        int in = 0;
        int out = 0;
        for (int i = 0; i < count; i++) {
            long index = firstCell + i;
            int expected = (int) Math.min(cellSize, shardLength - index * cellSize);
            if (bodyLength - in < FRAME_HEADER) {
                throw new CorruptShardException("cell " + index + " of shard " + shard + " is missing from the response");
            }
            ByteBuffer frame = ByteBuffer.wrap(body, in, FRAME_HEADER);
            int length = frame.getInt();
            int crc = frame.getInt();
            in += FRAME_HEADER;
            if (length != expected || bodyLength - in < length) {
                throw new CorruptShardException("cell " + index + " of shard " + shard + " arrived with "
                        + length + " bytes, expected " + expected);
            }
            if (crc(ByteBuffer.wrap(body, in, length)) != crc) {
                throw new CorruptShardException("cell " + index + " of shard " + shard
                        + " fails its checksum on receipt (damaged in transit)");
            }
            System.arraycopy(body, in, body, out, length);
            in += length;
            out += length;
        }
        if (in != bodyLength) {
            throw new CorruptShardException("response for shard " + shard + " has " + (bodyLength - in) + " extra bytes");
        }
        return ByteBuffer.wrap(body, 0, out).slice();
    }
}
