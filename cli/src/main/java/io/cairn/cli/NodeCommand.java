package io.cairn.cli;

import io.cairn.cluster.ClusterSecret;
import io.cairn.cluster.LocalDrives;
import io.cairn.storage.ShardStore;
import io.cairn.storage.node.StorageNodeServer;
import io.cairn.tls.PemFiles;
import io.cairn.tls.ServerTls;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn node}: a storage node only, serving its drives (d1..dN in the order given) to gateways over the
 * node protocol. Gateways reach it with {@code cairn server --peers ...} without {@code --node-id}.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Start a storage node: serve local drives to the gateways of a cluster.")
final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Drive directories, served as d1..dN in this order.")
    List<Path> drives = new ArrayList<>();

    @Option(names = "--listen", defaultValue = "127.0.0.1:9100",
            description = "HOST:PORT of the node protocol (${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the cluster secret (default: environment " + ClusterSecret.ENV + ").")
    Path secretFile;

    @Mixin
    LogOptions logging;

    @Mixin
    NodeTlsOptions tls = new NodeTlsOptions();

    @Override
    public Integer call() throws Exception {
        LogSetup.apply(logging, null);
        byte[] secret = ClusterSecret.load(SecretEnvironment.current(), secretFile);
        InetSocketAddress at = Addresses.parse(listen);
        PemFiles tlsFiles = tls.files();
        ServerTls serverTls = tlsFiles == null ? null : ServerTls.open("node protocol", tlsFiles);
        Map<String, ShardStore> stores = LocalDrives.open(drives);
        StorageNodeServer node = StorageNodeServer.start(new InetSocketAddress(at.getHostString(), at.getPort()),
                stores, secret, serverTls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stores.values().forEach(ShardStore::close);
            stopped.countDown();
        }, "cairn-shutdown"));
        LOG.info("Cairn storage node on {} with drives {}", node.address(), drives);
        stopped.await();
        return 0;
    }
}
