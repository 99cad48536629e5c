package io.cairn.storage.node;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.ShardStoreContractTest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The whole ShardStore contract through client, wire and node, down to a real drive. */
class StorageNodeClientContractTest extends ShardStoreContractTest {

    @TempDir
    Path tmp;
    private Path root;
    private StorageNodeServer server;
    private NodeConnectionPool pool;

    @Override
    protected ShardStore newStore() {
        root = tmp.resolve("drive1");
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                Map.of("d1", new FileShardStore(root)), NodeTestDrives.SECRET);
        pool = new NodeConnectionPool(server.address(), NodeTestDrives.SECRET, NodeClientConfig.defaults());
        return pool.drive("d1");
    }

    @AfterEach
    void stopNode() {
        pool.close();
        server.close();
    }

    @Override
    protected void loseDrive() throws Exception {
        NodeTestDrives.deleteTree(root);
    }

    @Override
    protected void corruptByte(ShardId shard, long offset) throws Exception {
        NodeTestDrives.flipByte(NodeTestDrives.partFile(root, shard), offset);
    }

    @Override
    protected void truncate(ShardId shard, long length) throws Exception {
        NodeTestDrives.truncate(NodeTestDrives.partFile(root, shard), length);
    }

    @Override
    protected List<String> contents() throws Exception {
        return NodeTestDrives.contents(root);
    }
}
