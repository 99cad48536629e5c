package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerTlsTest {

    static final TestPki ROOT = TestPki.authority("Cairn test root");
    static final TestPki INTERMEDIATE = ROOT.intermediate("Cairn test intermediate");

    @TempDir
    Path dir;

    /** What a client sees of one connection. */
    record Seen(String protocol, X509Certificate[] chain, String greeting) {
        BigInteger serial() {
            return chain[0].getSerialNumber();
        }
    }

    static Seen connect(int port, SSLContext client, String... protocols) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.startHandshake();
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return new Seen(socket.getSession().getProtocol(),
                    (X509Certificate[]) socket.getSession().getPeerCertificates(), greeting);
        }
    }

    @ParameterizedTest
    @EnumSource(TestPki.KeyType.class)
    void servesAChainWithAnRsaOrEcKey(TestPki.KeyType type) throws Exception {
        TestPki.Issued server = INTERMEDIATE.issue("server", type);
        try (GreetingServer listener = new GreetingServer(ServerTls.open("test", server.write(dir, "server")))) {
            Seen seen = connect(listener.port(), ROOT.clientContext());
            assertThat(seen.greeting()).isEqualTo("hello");
            assertThat(seen.protocol()).isEqualTo("TLSv1.3");
            assertThat(seen.serial()).isEqualTo(server.serial());
            // The intermediate travels with the certificate: a client that knows only the root accepts it.
            assertThat(seen.chain()).hasSize(2);
            assertThat(seen.chain()[1]).isEqualTo(INTERMEDIATE.certificate());
        }
    }

    @Test
    void speaksTls12AndTls13Only() throws Exception {
        TestPki.Issued server = ROOT.issue("server", TestPki.KeyType.EC);
        try (GreetingServer listener = new GreetingServer(ServerTls.open("test", server.write(dir, "server")))) {
            assertThat(connect(listener.port(), ROOT.clientContext(), "TLSv1.2").protocol()).isEqualTo("TLSv1.2");
            assertThat(listener.handlers.get(0).engine().getEnabledProtocols())
                    .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void aRenewedCertificateServesNewConnections() throws Exception {
        TestPki.Issued first = ROOT.issue("server", TestPki.KeyType.EC);
        TestPki.Issued renewed = ROOT.issue("server", TestPki.KeyType.RSA);
        PemFiles files = first.write(dir, "server");
        AtomicLong clock = new AtomicLong();
        ServerTls tls = ServerTls.open("test", files, Duration.ofSeconds(2), clock::get);
        try (GreetingServer listener = new GreetingServer(tls)) {
            assertThat(connect(listener.port(), ROOT.clientContext()).serial()).isEqualTo(first.serial());
            renewed.writeTo(files.certificateChain(), files.privateKey());
            // Not looked at again before the interval: still the first certificate.
            assertThat(connect(listener.port(), ROOT.clientContext()).serial()).isEqualTo(first.serial());
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(connect(listener.port(), ROOT.clientContext()).serial()).isEqualTo(renewed.serial());
        }
    }

    @Test
    void aRenewalCaughtHalfwayKeepsThePreviousCertificateUntilItIsComplete() throws Exception {
        TestPki.Issued first = ROOT.issue("server", TestPki.KeyType.EC);
        TestPki.Issued renewed = ROOT.issue("server", TestPki.KeyType.EC);
        PemFiles files = first.write(dir, "server");
        AtomicLong clock = new AtomicLong();
        ServerTls tls = ServerTls.open("test", files, Duration.ofSeconds(2), clock::get);
        try (GreetingServer listener = new GreetingServer(tls)) {
            // The new certificate is written, its key not yet.
            PemFiles next = renewed.write(dir, "next");
            Files.copy(next.certificateChain(), files.certificateChain(), StandardCopyOption.REPLACE_EXISTING);
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            Seen during = connect(listener.port(), ROOT.clientContext());
            assertThat(during.greeting()).isEqualTo("hello");
            assertThat(during.serial()).isEqualTo(first.serial());
            Files.copy(next.privateKey(), files.privateKey(), StandardCopyOption.REPLACE_EXISTING);
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(connect(listener.port(), ROOT.clientContext()).serial()).isEqualTo(renewed.serial());
        }
    }

    @Test
    void refusesFilesThatCannotServe() throws Exception {
        TestPki.Issued a = ROOT.issue("a", TestPki.KeyType.RSA);
        TestPki.Issued b = ROOT.issue("b", TestPki.KeyType.RSA);
        PemFiles filesA = a.write(dir, "a");
        PemFiles filesB = b.write(dir, "b");

        assertThatThrownBy(() -> ServerTls.open("test", PemFiles.of(filesA.certificateChain(), filesB.privateKey())))
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("is not the key of the first certificate");
        Path pkcs1 = a.writeTraditionalKey(dir.resolve("a-pkcs1.key"));
        assertThatThrownBy(() -> ServerTls.open("test", PemFiles.of(filesA.certificateChain(), pkcs1)))
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> ServerTls.open("test", PemFiles.of(filesA.privateKey(), filesA.privateKey())))
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> ServerTls.open("test", PemFiles.of(dir.resolve("missing.crt"), filesA.privateKey())))
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("missing.crt");
    }
}
