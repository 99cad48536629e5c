package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.s3.MemoryObjectService;
import io.cairn.tls.ServerTls;
import io.cairn.tls.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over HTTPS, and the base URL it hands to the endpoints that write URLs. */
class GatewayTlsTest {

    static final TestPki CA = TestPki.authority("Gateway test CA");

    @TempDir
    Path dir;
    private GatewayServer server;
    private final HttpClient https = HttpClient.newBuilder().sslContext(CA.clientContext()).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    int start(PublicEndpoint endpoint) throws Exception {
        ServerTls tls = ServerTls.open("S3 endpoint", CA.issue("gateway", TestPki.KeyType.EC).write(dir, "gw"));
        server = new GatewayServer(GatewayConfig.of("127.0.0.1", 0).withTls(tls).withPublicEndpoint(endpoint),
                new MemoryObjectService(), GatewayServerTest.VERIFIER);
        server.browserAccess(new OriginEcho());
        InetSocketAddress bound = server.start();
        return bound.getPort();
    }

    String origin(int port, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + port + "/-/origin"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = https.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void servesS3OverHttpsAndNamesItselfHttps() throws Exception {
        int port = start(PublicEndpoint.FROM_REQUEST);
        URI bucket = URI.create("https://127.0.0.1:" + port + "/tls-bucket");
        assertThat(https.send(HttpRequest.newBuilder(bucket).PUT(BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        URI object = URI.create(bucket + "/hello.txt");
        assertThat(https.send(HttpRequest.newBuilder(object).PUT(BodyPublishers.ofString("over tls"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(https.send(HttpRequest.newBuilder(object).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("over tls");
        assertThat(origin(port)).isEqualTo("https://127.0.0.1:" + port);
        // Forwarded headers from a peer nobody said to trust change nothing.
        assertThat(origin(port, "X-Forwarded-Proto", "http", "X-Forwarded-Host", "elsewhere"))
                .isEqualTo("https://127.0.0.1:" + port);
    }

    @Test
    void aTrustedProxySaysWhatTheClientUsed() throws Exception {
        int port = start(PublicEndpoint.fromRequest(TrustedProxies.parse("127.0.0.0/8")));
        assertThat(origin(port, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "s3.example.com"))
                .isEqualTo("https://s3.example.com");
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoAnswer() throws Exception {
        int port = start(PublicEndpoint.FROM_REQUEST);
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
