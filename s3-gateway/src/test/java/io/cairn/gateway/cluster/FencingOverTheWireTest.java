package io.cairn.gateway.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.storage.node.StorageNodeClient;
import io.cairn.storage.node.StorageNodeServer;
import io.cairn.storage.testing.InMemoryShardStore;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leases, fencing tokens and their refusals travel the node protocol with their types intact. */
class FencingOverTheWireTest {

    private static final byte[] SECRET = "wire-test-cluster-secret".getBytes(UTF_8);

    @Test
    void leasesAndTokensAreKeptByTheNodeAndRefusalsComeBackTyped() {
        FencedShardStore fenced = new FencedShardStore(new InMemoryShardStore("d1"));
        fenced.createVolume("bkt");
        InMemoryShardStore plain = new InMemoryShardStore("d2");
        plain.createVolume("bkt");
        try (StorageNodeServer node = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                Map.of("d1", fenced, "d2", plain), SECRET);
             NodeConnectionPool pool = new NodeConnectionPool(node.address(), SECRET, NodeClientConfig.defaults())) {
            StorageNodeClient d1 = pool.drive("d1");
            assertThat(d1.acquireLease("bkt", "a/b", "gw1", 5000)).isZero();
            assertThatThrownBy(() -> d1.acquireLease("bkt", "a/b", "gw2", 5000))
                    .isInstanceOf(KeyLeasedException.class);
            d1.fence("bkt", "a/b", "gw1", 3);
            assertThatThrownBy(() -> d1.writeManifest("bkt", "a/b", "stale".getBytes(UTF_8), 2))
                    .isInstanceOf(StaleFencingTokenException.class);
            d1.writeManifest("bkt", "a/b", "fresh".getBytes(UTF_8), 3);
            assertThat(fenced.readManifest("bkt", "a/b")).isEqualTo("fresh".getBytes(UTF_8));
            d1.releaseLease("bkt", "a/b", "gw1");
            assertThat(d1.acquireLease("bkt", "a/b", "gw2", 5000)).isEqualTo(3);

            // A drive that keeps no leases: a token is ignored, a lease is refused.
            StorageNodeClient d2 = pool.drive("d2");
            d2.writeManifest("bkt", "k", "x".getBytes(UTF_8), 1);
            assertThat(plain.readManifest("bkt", "k")).isEqualTo("x".getBytes(UTF_8));
            assertThatThrownBy(() -> d2.acquireLease("bkt", "k", "gw1", 5000))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps no leases");
        }
    }
}
