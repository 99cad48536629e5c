package io.cairn.cluster;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import java.nio.ByteBuffer;

/** Copies one shard file cell by cell between drives; cell checksums are verified on read, rebuilt on write. */
final class ShardCopy {

    private static final int CELLS_PER_READ = 16;

    private ShardCopy() {
    }

    /** Copies {@code from}/{@code src} to {@code to}/{@code dst} unless {@code dst} exists; true when copied. */
    static boolean copyIfAbsent(ShardStore from, ShardId src, ShardStore to, ShardId dst) {
        try (ShardReader present = to.openShard(dst)) {
            return false;
        } catch (NotFoundException absent) {
            copy(from, src, to, dst);
            return true;
        }
    }

    /** Copies {@code src} over {@code dst} on one drive unless both already hold the same bytes; true when copied. */
    static boolean replaceUnlessEqual(ShardStore drive, ShardId src, ShardId dst) {
        if (same(drive, src, dst)) {
            return false;
        }
        copy(drive, src, drive, dst);
        return true;
    }

    private static boolean same(ShardStore drive, ShardId a, ShardId b) {
        try (ShardReader x = drive.openShard(a); ShardReader y = drive.openShard(b)) {
            if (x.length() != y.length() || x.cellSize() != y.cellSize()) {
                return false;
            }
            long cells = (x.length() + x.cellSize() - 1) / x.cellSize();
            for (long first = 0; first < cells; first += CELLS_PER_READ) {
                int count = (int) Math.min(CELLS_PER_READ, cells - first);
                if (!x.readCells(first, count).equals(y.readCells(first, count))) {
                    return false;
                }
            }
            return true;
        } catch (NotFoundException | CorruptShardException differs) {
            return false;
        }
    }

    private static void copy(ShardStore from, ShardId src, ShardStore to, ShardId dst) {
        try (ShardReader in = from.openShard(src);
             ShardWriter out = to.createShard(dst, in.cellSize())) {
            long cellSize = in.cellSize();
            long cells = (in.length() + cellSize - 1) / cellSize;
            for (long first = 0; first < cells; first += CELLS_PER_READ) {
                int count = (int) Math.min(CELLS_PER_READ, cells - first);
                ByteBuffer buf = in.readCells(first, count);
                while (buf.hasRemaining()) {
                    ByteBuffer cell = buf.slice();
                    cell.limit((int) Math.min(cellSize, buf.remaining()));
                    out.append(cell);
                    buf.position(buf.position() + cell.limit());
                }
            }
            out.commit();
        }
    }
}
