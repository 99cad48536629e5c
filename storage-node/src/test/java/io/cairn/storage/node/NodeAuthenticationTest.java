package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only holders of the cluster secret get in, and only once per request. */
class NodeAuthenticationTest {

    @TempDir
    Path tmp;
    private FileShardStore drive;
    private StorageNodeServer server;

    @BeforeEach
    void start() {
        drive = new FileShardStore(tmp.resolve("d1"));
        server = StorageNodeServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("d1", drive), NodeTestDrives.SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrongSecretIsRefusedAndChangesNothing() {
        byte[] wrong = "another-cluster-secret-0123456789".getBytes(UTF_8);
        try (NodeConnectionPool pool = new NodeConnectionPool(server.address(), wrong, NodeClientConfig.defaults())) {
            ShardStore remote = pool.drive("d1");
            assertThatThrownBy(() -> remote.createVolume("bucket")).isInstanceOf(NodeAuthenticationException.class)
                    .hasMessageContaining("bad signature");
            assertThat(remote.driveInfo().online()).isFalse();
        }
        assertThat(drive.listVolumes()).isEmpty();
    }

    @Test
    void signedRequestIsAcceptedOnceAndItsReplayRefused() throws IOException {
        String request = signed("createVolume", Map.of("volume", "bucket"), "", System.currentTimeMillis(), NodeTestDrives.SECRET);
        assertThat(send(request)).startsWith("HTTP/1.1 200 ");
        drive.deleteVolume("bucket");
        String replay = send(request);
        assertThat(replay).startsWith("HTTP/1.1 401 ").contains("x-cairn-error: Unauthorized").endsWith("replayed nonce");
        assertThat(drive.listVolumes()).isEmpty();
    }

    @Test
    void requestsOutsideTheClockWindowAreRefused() throws IOException {
        long now = System.currentTimeMillis();
        for (long skew : new long[] {-5 * 60_000 - 2000, 5 * 60_000 + 2000}) {
            String response = send(signed("createVolume", Map.of("volume", "b" + skew), "", now + skew, NodeTestDrives.SECRET));
            assertThat(response).startsWith("HTTP/1.1 401 ").contains("more than 5 minutes");
        }
        assertThat(send(signed("createVolume", Map.of("volume", "ok"), "", now - 4 * 60_000, NodeTestDrives.SECRET)))
                .startsWith("HTTP/1.1 200 ");
        assertThat(drive.listVolumes()).extracting(v -> v.name()).containsExactly("ok");
    }

    @Test
    void unsignedOrTamperedRequestsAreRefused() throws IOException {
        assertThat(send("POST /v1/d1/createVolume?volume=x HTTP/1.1\r\nHost: n\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 401 ").endsWith("missing authentication headers");
        drive.createVolume("bucket");
        String good = signed("writeManifest", Map.of("volume", "bucket", "key", "k"), "good", System.currentTimeMillis(),
                NodeTestDrives.SECRET);
        assertThat(send(good.replace("\r\n\r\ngood", "\r\n\r\nevil"))).startsWith("HTTP/1.1 401 ")
                .endsWith("body does not match its signed SHA-256");
        assertThat(send(good.replace("key=k", "key=j"))).startsWith("HTTP/1.1 401 ").endsWith("bad signature");
        assertThat(drive.list("bucket", "", "", 10).keys()).isEmpty();
    }

    @Test
    void healthIsOpenWithoutTheSecret() throws IOException {
        assertThat(send("GET /v1/health HTTP/1.1\r\nHost: n\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").endsWith("ok\n");
    }

    @Test
    void replayCacheForgetsOnlyWhatIsTooOldToBeAccepted() {
        ReplayCache cache = new ReplayCache(2, 1000);
        assertThat(cache.firstUse("a", 100, 100)).isTrue();
        assertThat(cache.firstUse("a", 100, 100)).isFalse();
        assertThat(cache.firstUse("b", 200, 200)).isTrue();
        assertThat(cache.firstUse("c", 300, 300)).isTrue(); // full: forgets a, refuses anything dated <= 100
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.firstUse("a", 100, 300)).isFalse();
        assertThat(cache.firstUse("d", 50, 300)).isFalse();
        assertThat(cache.firstUse("b", 200, 300)).isFalse();
        assertThat(cache.firstUse("e", 1500, 1500)).isTrue(); // b and c expired on the way
        assertThat(cache.size()).isEqualTo(1);
    }

    private static String signed(String op, Map<String, String> params, String body, long date, byte[] secret) {
        String path = NodeProtocol.path("d1", op);
        String query = NodeProtocol.query(new LinkedHashMap<>(params));
        String nonce = Long.toHexString(System.nanoTime()) + "0".repeat(32 - Long.toHexString(System.nanoTime()).length());
        String sha = RequestSigner.sha256Hex(ByteBuffer.wrap(body.getBytes(UTF_8)));
        String auth = new RequestSigner(secret).authorization(
                RequestSigner.stringToSign("POST", path, query, Long.toString(date), nonce, sha));
        return "POST " + path + "?" + query + " HTTP/1.1\r\nHost: n\r\nConnection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "x-cairn-date: " + date + "\r\nx-cairn-nonce: " + nonce + "\r\n"
                + "x-cairn-content-sha256: " + sha + "\r\nauthorization: " + auth + "\r\n\r\n" + body;
    }

    /** Sends raw bytes and returns the whole answer (the node closes the connection after it). */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(UTF_8);
        }
    }
}
