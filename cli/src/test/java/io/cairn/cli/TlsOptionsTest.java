package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.tls.PemFiles;
import io.cairn.tls.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS and public URL options: refused early with one line when incomplete or wrong, used as defaults by presign. */
class TlsOptionsTest {

    static final TestPki CA = TestPki.authority("cli test CA");

    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    private int server(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "server";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--address";
        all[args.length + 2] = "127.0.0.1:0";
        all[args.length + 3] = "--data";
        all[args.length + 4] = dir.resolve("data").toString();
        return CairnCommand.run(all, env, cli);
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        PemFiles files = CA.issue("s3", TestPki.KeyType.EC).write(dir, "s3");
        assertThat(server(Map.of(), "--tls-cert", files.certificateChain().toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: --tls-cert and --tls-key go together");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeAnyDriveIsOpened() {
        PemFiles a = CA.issue("a", TestPki.KeyType.EC).write(dir, "a");
        PemFiles b = CA.issue("b", TestPki.KeyType.EC).write(dir, "b");
        Map<String, String> env = Map.of("CAIRN_TLS_CERT", a.certificateChain().toString(),
                "CAIRN_TLS_KEY", b.privateKey().toString());
        assertThat(server(env)).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: --tls-cert/--tls-key: ").contains("is not the key");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void nodeTlsNeedsAllThreeFilesAndACluster() {
        PemFiles node = CA.issue("node", TestPki.KeyType.EC).write(dir, "node");
        Path ca = CA.writeCertificate(dir.resolve("ca.crt"));
        assertThat(server(Map.of(), "--node-tls-cert", node.certificateChain().toString(),
                "--node-tls-key", node.privateKey().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--node-tls-cert, --node-tls-key and --node-tls-ca go together");
        err.getBuffer().setLength(0);
        assertThat(server(Map.of(), "--node-tls-cert", node.certificateChain().toString(),
                "--node-tls-key", node.privateKey().toString(), "--node-tls-ca", ca.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("they need --peers");
    }

    @Test
    void badPublicUrlsAndProxyListsAreRefused() {
        assertThat(server(Map.of(), "--public-url", "https://s3.example.com/prefix")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: --public-url must be http(s)://HOST[:PORT]");
        err.getBuffer().setLength(0);
        assertThat(server(Map.of("CAIRN_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: --trusted-proxies: not an IP address or CIDR block: proxy.local")
                .contains("(from environment variable CAIRN_TRUSTED_PROXIES)");
    }

    static URI presignedFor(Map<String, String> settings) {
        PresignCommand cmd = new PresignCommand();
        Map<String, String> env = new HashMap<>(settings);
        env.put(StaticCredentialStore.ROOT_USER_ENV, "presigner");
        env.put(StaticCredentialStore.ROOT_PASSWORD_ENV, "presign-secret-123");
        cmd.env = env;
        StringWriter out = new StringWriter();
        assertThat(new CommandLine(cmd).setOut(new PrintWriter(out)).execute("get", "photos", "a.png")).isZero();
        return URI.create(out.toString().strip());
    }

    @Test
    void presignSignsForTheUrlTheServerIsConfiguredWith() throws Exception {
        assertThat(presignedFor(Map.of()).toString()).startsWith("http://127.0.0.1:9000/photos/a.png?");
        assertThat(presignedFor(Map.of("CAIRN_TLS_CERT", "/etc/cairn/tls.crt", "CAIRN_ADDRESS", "0.0.0.0:9443"))
                .toString()).startsWith("https://127.0.0.1:9443/photos/a.png?");
        assertThat(presignedFor(Map.of("CAIRN_PUBLIC_URL", "https://s3.example.com", "CAIRN_TLS_CERT", "x"))
                .toString()).startsWith("https://s3.example.com/photos/a.png?");
        Path config = Files.writeString(dir.resolve("cairn.conf"),
                "address = [::]:9443\ntls-cert = /etc/cairn/tls.crt\ntls-key = /etc/cairn/tls.key\n");
        assertThat(presignedFor(Map.of("CAIRN_CONFIG", config.toString())).toString())
                .startsWith("https://[::1]:9443/photos/a.png?");
    }
}
