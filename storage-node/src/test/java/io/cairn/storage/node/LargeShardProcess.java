package io.cairn.storage.node;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Runs in a child JVM with a heap far smaller than the shard: writes a shard of {@code cells} cells of
 * {@code cellSize} through client and node, reads it back in batches, and prints "OK" with the timings.
 * Any buffering of the whole shard runs out of memory.
 */
public final class LargeShardProcess {

    private LargeShardProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int cellSize = Integer.parseInt(args[1]);
        int cells = Integer.parseInt(args[2]);
        ShardId shard = new ShardId("bucket", "big/object", "dd-1", "part.1");
        FileShardStore drive = new FileShardStore(dir);
        drive.createVolume("bucket");
        try (StorageNodeServer server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                Map.of("d1", drive), NodeTestDrives.SECRET);
             NodeConnectionPool pool = new NodeConnectionPool(server.address(), NodeTestDrives.SECRET,
                     NodeClientConfig.defaults())) {
            ShardStore remote = pool.drive("d1");
            byte[] cell = new byte[cellSize];
            long start = System.nanoTime();
            try (ShardWriter writer = remote.createShard(shard, cellSize)) {
                for (int i = 0; i < cells; i++) {
                    new Random(i).nextBytes(cell);
                    writer.append(ByteBuffer.wrap(cell));
                }
                writer.commit();
            }
            long written = System.nanoTime();
            try (ShardReader reader = remote.openShard(shard)) {
                for (int i = 0; i < cells; i += 2) {
                    ByteBuffer two = reader.readCells(i, Math.min(2, cells - i));
                    for (int c = i; c < Math.min(i + 2, cells); c++) {
                        new Random(c).nextBytes(cell);
                        if (!two.slice((c - i) * cellSize, cellSize).equals(ByteBuffer.wrap(cell))) {
                            throw new AssertionError("cell " + c + " differs");
                        }
                    }
                }
            }
            long read = System.nanoTime();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("OK write %d ms, read %d ms, max heap %d MiB%n", (written - start) / 1_000_000,
                    (read - written) / 1_000_000, runtime.maxMemory() >> 20);
        }
    }
}
