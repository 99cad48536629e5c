package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.tls.ClientTls;
import io.cairn.tls.PemFiles;
import io.cairn.tls.ServerTls;
import io.cairn.tls.TestPki;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node protocol over mutual TLS: nodes with certificates of the cluster CA talk, anyone else is refused
 * before a request is read, and the cluster secret is still needed on top.
 */
class NodeTlsTest {

    static final TestPki CLUSTER_CA = TestPki.authority("Cairn cluster CA");
    static final TestPki OTHER_CA = TestPki.authority("Another CA");
    static final NodeClientConfig FAST = new NodeClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ZERO, 4);

    @TempDir
    Path tmp;
    private Path clusterCa;
    private FileShardStore drive;
    private StorageNodeServer server;

    @BeforeEach
    void start() {
        clusterCa = CLUSTER_CA.writeCertificate(tmp.resolve("cluster-ca.crt"));
        drive = new FileShardStore(tmp.resolve("d1"));
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("d1", drive),
                NodeTestDrives.SECRET, ServerTls.open("node protocol", node(CLUSTER_CA, "node1")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    PemFiles node(TestPki ca, String name) {
        return ca.issue(name, TestPki.KeyType.EC).write(tmp, name).trusting(clusterCa);
    }

    NodeConnectionPool pool(PemFiles identity, byte[] secret) {
        return new NodeConnectionPool(server.address(), secret,
                FAST.withTls(identity == null ? null : ClientTls.open("test", identity)));
    }

    @Test
    void aPeerOfTheClusterCaReadsAndWrites() {
        try (NodeConnectionPool pool = pool(node(CLUSTER_CA, "node2"), NodeTestDrives.SECRET)) {
            assertThat(pool.healthy()).isTrue();
            ShardStore remote = pool.drive("d1");
            remote.createVolume("bucket");
            remote.writeManifest("bucket", "key", "manifest".getBytes(UTF_8));
            assertThat(remote.readManifest("bucket", "key")).isEqualTo("manifest".getBytes(UTF_8));
        }
        assertThat(drive.readManifest("bucket", "key")).isEqualTo("manifest".getBytes(UTF_8));
    }

    @Test
    void aPeerWhoseCertificateAnotherCaSignedIsRefusedAndChangesNothing() {
        try (NodeConnectionPool pool = pool(node(OTHER_CA, "intruder"), NodeTestDrives.SECRET)) {
            // The node refuses after the client's side of the handshake is done (TLS 1.3): whether the refusal
            // arrives before, while or after the request is sent, the answer is the same.
            for (int attempt = 0; attempt < 20; attempt++) {
                assertThat(pool.healthy()).isFalse();
                assertThatThrownBy(() -> pool.drive("d1").createVolume("bucket"))
                        .isInstanceOf(DriveOfflineException.class);
            }
        }
        assertThat(drive.listVolumes()).isEmpty();
    }

    @Test
    void aPeerWithoutTlsIsRefused() {
        try (NodeConnectionPool pool = pool(null, NodeTestDrives.SECRET)) {
            assertThat(pool.healthy()).isFalse();
            assertThatThrownBy(() -> pool.drive("d1").createVolume("bucket"))
                    .isInstanceOf(DriveOfflineException.class);
        }
        assertThat(drive.listVolumes()).isEmpty();
    }

    @Test
    void theClusterSecretIsStillRequiredOverTls() {
        byte[] wrong = "another-cluster-secret-0123456789".getBytes(UTF_8);
        try (NodeConnectionPool pool = pool(node(CLUSTER_CA, "node2"), wrong)) {
            assertThatThrownBy(() -> pool.drive("d1").createVolume("bucket"))
                    .isInstanceOf(NodeAuthenticationException.class);
        }
        assertThat(drive.listVolumes()).isEmpty();
    }

    @Test
    void aNodeRefusesToTalkToANodeWhoseCertificateAnotherCaSigned() {
        // An impostor that would accept our certificate (it trusts the cluster CA) but presents another CA's.
        try (StorageNodeServer impostor = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
                Map.of("d1", new FileShardStore(tmp.resolve("impostor"))), NodeTestDrives.SECRET,
                ServerTls.open("impostor", node(OTHER_CA, "impostor")));
             NodeConnectionPool pool = new NodeConnectionPool(impostor.address(), NodeTestDrives.SECRET,
                     FAST.withTls(ClientTls.open("test", node(CLUSTER_CA, "node2"))))) {
            assertThat(pool.healthy()).isFalse();
            assertThatThrownBy(() -> pool.drive("d1").writeManifest("bucket", "key", new byte[] {1}))
                    .isInstanceOf(DriveOfflineException.class).hasMessageContaining("cannot connect");
        }
    }
}
