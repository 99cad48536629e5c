package io.cairn.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.NotFoundException;
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

    @Test
    void aDeleteCarriesItsTokenAndAStaleOneDeletesNothing() {
        FencedShardStore fenced = new FencedShardStore(new InMemoryShardStore("d1"));
        fenced.createVolume("bkt");
        InMemoryShardStore plain = new InMemoryShardStore("d2");
        plain.createVolume("bkt");
        try (StorageNodeServer node = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                Map.of("d1", fenced, "d2", plain), SECRET);
             NodeConnectionPool pool = new NodeConnectionPool(node.address(), SECRET, NodeClientConfig.defaults())) {
            StorageNodeClient d1 = pool.drive("d1");
            d1.writeManifest("bkt", "a/b", "newer".getBytes(UTF_8), 6);
            assertThatThrownBy(() -> d1.deleteManifest("bkt", "a/b", 5))
                    .isInstanceOf(StaleFencingTokenException.class).hasMessageContaining("token 5 is below 6");
            assertThat(fenced.readManifest("bkt", "a/b")).isEqualTo("newer".getBytes(UTF_8));

            d1.deleteManifest("bkt", "a/b", 7);
            assertThatThrownBy(() -> fenced.readManifest("bkt", "a/b")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> d1.writeManifest("bkt", "a/b", "late".getBytes(UTF_8), 6))
                    .isInstanceOf(StaleFencingTokenException.class);
            assertThatThrownBy(() -> d1.deleteManifest("bkt", "a/b", 7)).isInstanceOf(NotFoundException.class);
            assertThat(d1.acquireLease("bkt", "a/b", "gw1", 5000)).isEqualTo(7);

            // The delete without a token, as older gateways send it, still deletes.
            d1.writeManifest("bkt", "c", "x".getBytes(UTF_8), 1);
            d1.deleteManifest("bkt", "c");
            assertThatThrownBy(() -> fenced.readManifest("bkt", "c")).isInstanceOf(NotFoundException.class);

            // A drive that keeps no tokens ignores the one a delete carries.
            StorageNodeClient d2 = pool.drive("d2");
            plain.writeManifest("bkt", "k", "x".getBytes(UTF_8));
            d2.deleteManifest("bkt", "k", 1);
            assertThatThrownBy(() -> plain.readManifest("bkt", "k")).isInstanceOf(NotFoundException.class);
        }
    }
}
