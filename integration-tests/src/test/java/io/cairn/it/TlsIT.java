package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.node.NodeClientConfig;
import io.cairn.storage.node.NodeConnectionPool;
import io.cairn.tls.ClientTls;
import io.cairn.tls.PemFiles;
import io.cairn.tls.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Two {@code cairn server --peers} processes serving S3 over HTTPS and talking to each other over mutually
 * authenticated TLS, with certificates of test CAs made here: the AWS SDK over HTTPS (written through one
 * process, read through the other, so the bytes cross the node protocol), URN mint answers and the POST
 * Object Location in https, a node refusing a peer whose certificate another CA signed, a renewed certificate
 * served to new connections without a restart, and, when chromium is installed, a browser upload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsIT {

    static final TestPki WEB_CA = TestPki.authority("Cairn IT web CA");
    static final TestPki CLUSTER_CA = TestPki.authority("Cairn IT cluster CA");
    static final TestPki OTHER_CA = TestPki.authority("Cairn IT other CA");
    static final String BUCKET = "tls-bucket";
    static final ObjectMapper JSON = new ObjectMapper();
    static final SigningCredentials CREDS = new SigningCredentials(ProcessCluster.ACCESS_KEY,
            ProcessCluster.SECRET_KEY);

    static Path certs;
    static TestPki.Issued webCertificate;
    static PemFiles web;
    static Path clusterCa;
    static ProcessCluster cluster;
    static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        certs = Files.createTempDirectory("cairn-tls-it-");
        webCertificate = WEB_CA.issue("cairn-gateway", TestPki.KeyType.EC);
        web = webCertificate.write(certs, "web");
        clusterCa = CLUSTER_CA.writeCertificate(certs.resolve("cluster-ca.crt"));
        PemFiles node = CLUSTER_CA.issue("cairn-node", TestPki.KeyType.RSA).write(certs, "node");
        cluster = new ProcessCluster(2, 2, List.of("--scheme", "2+2",
                "--tls-cert", web.certificateChain().toString(), "--tls-key", web.privateKey().toString(),
                "--node-tls-cert", node.certificateChain().toString(),
                "--node-tls-key", node.privateKey().toString(), "--node-tls-ca", clusterCa.toString()), false);
        cluster.startAll();
        https = HttpClient.newBuilder().sslContext(WEB_CA.clientContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        s3(1).createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (certs != null) {
            LocalCluster.deleteTree(certs);
        }
    }

    static URI endpoint(int node) {
        return URI.create("https://127.0.0.1:" + cluster.endpoint(node).getPort());
    }

    /** An SDK client of node {@code i}'s gateway that trusts the web CA only. */
    static S3Client s3(int node) {
        return S3Client.builder()
                .endpointOverride(endpoint(node))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ProcessCluster.ACCESS_KEY, ProcessCluster.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(WEB_CA::trustManagers).build())
                .build();
    }

    static String sha256(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    @Order(1)
    void theSdkWritesAndReadsOverHttpsWithChecksums() throws Exception {
        byte[] data = new byte[1_500_000];
        new Random(12).nextBytes(data);
        try (S3Client one = s3(1); S3Client two = s3(2)) {
            String stored = one.putObject(b -> b.bucket(BUCKET).key("over/tls.bin")
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(data)).checksumSHA256();
            assertThat(stored).isEqualTo(sha256(data));
            ResponseBytes<GetObjectResponse> read = two.getObjectAsBytes(b -> b.bucket(BUCKET).key("over/tls.bin")
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(read.asByteArray()).isEqualTo(data);
            assertThat(read.response().checksumSHA256()).isEqualTo(sha256(data));
        }
        // Plain HTTP on the HTTPS port gets no answer.
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(cluster.endpoint(1).resolve("/-/health/live"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    static JsonNode mint(int node, Map<String, String> params) throws Exception {
        URI url = Presigner.presign(new PresignRequest("POST", endpoint(node), "/-/urn/mint", params, Map.of(),
                Duration.ofMinutes(5), "us-east-1", Instant.now()), CREDS);
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    @Order(2)
    void urnMintAnswersAndPostObjectLocationNameHttps() throws Exception {
        String base = endpoint(1) + "/";
        JsonNode put = mint(1, Map.of("namespace", BUCKET, "kind", "doc", "id", "d1", "contentType", "text/plain"));
        assertThat(put.get("putUrl").asText()).startsWith(base + BUCKET + "/doc/d1?");
        assertThat(put.get("statusUrl").asText()).startsWith(base + "-/urn/status?");
        assertThat(put.get("awaitUrl").asText()).startsWith(base + "-/urn/await?");
        assertThat(put.get("post").get("url").asText()).isEqualTo(base + BUCKET);
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(put.get("putUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("minted over tls"));
        put.get("putHeaders").properties().forEach(h -> upload.header(h.getKey(), h.getValue().asText()));
        assertThat(https.send(upload.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> status = https.send(HttpRequest.newBuilder(URI.create(put.get("statusUrl").asText()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(status.body()).get("state").asText()).isEqualTo("committed");

        JsonNode form = mint(1, Map.of("namespace", BUCKET, "kind", "form", "id", "p1", "contentType", "image/png"));
        Map<String, String> fields = new LinkedHashMap<>();
        form.get("post").get("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
        HttpResponse<String> posted = https.send(HttpRequest.newBuilder(URI.create(form.get("post").get("url").asText()))
                .header("Content-Type", "multipart/form-data; boundary=" + FormPost.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(FormPost.body(fields, "p.png", "image/png",
                        "png bytes".getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        assertThat(posted.headers().firstValue("Location")).hasValue(base + BUCKET + "/form/p1");
    }

    @Test
    @Order(3)
    void aNodeRefusesAPeerWhoseCertificateAnotherCaSigned() throws Exception {
        byte[] secret = ProcessCluster.SECRET.getBytes(StandardCharsets.UTF_8);
        InetSocketAddress node = new InetSocketAddress("127.0.0.1", cluster.nodePort(1));
        NodeClientConfig config = new NodeClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ZERO, 2);
        PemFiles stranger = OTHER_CA.issue("stranger", TestPki.KeyType.EC).write(certs, "stranger").trusting(clusterCa);
        try (NodeConnectionPool pool = new NodeConnectionPool(node, secret,
                config.withTls(ClientTls.open("stranger", stranger)))) {
            assertThat(pool.healthy()).isFalse();
            assertThatThrownBy(() -> pool.drive("d1").createVolume("planted")).isInstanceOf(DriveOfflineException.class);
        }
        assertThat(cluster.readLog(1)).contains("refused TLS connection");

        PemFiles member = CLUSTER_CA.issue("admin", TestPki.KeyType.EC).write(certs, "admin").trusting(clusterCa);
        try (NodeConnectionPool pool = new NodeConnectionPool(node, secret,
                config.withTls(ClientTls.open("member", member)))) {
            assertThat(pool.healthy()).isTrue();
            assertThat(pool.drive("d1").listVolumes()).extracting(v -> v.name()).contains(BUCKET)
                    .doesNotContain("planted");
        }
    }

    /** The serial number of the certificate a new connection to node {@code i}'s S3 port is served. */
    static BigInteger servedSerial(int node) throws Exception {
        try (SSLSocket socket = handshake(node)) {
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    static SSLSocket handshake(int node) throws IOException {
        SSLSocket socket = (SSLSocket) WEB_CA.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", endpoint(node).getPort());
        socket.startHandshake();
        return socket;
    }

    @Test
    @Order(4)
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        assertThat(servedSerial(1)).isEqualTo(webCertificate.serial());
        try (SSLSocket before = handshake(1)) {
            TestPki.Issued renewed = WEB_CA.issue("cairn-gateway", TestPki.KeyType.RSA);
            renewed.writeTo(web.certificateChain(), web.privateKey());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!servedSerial(1).equals(renewed.serial()) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(servedSerial(1)).isEqualTo(renewed.serial());
            assertThat(servedSerial(2)).isEqualTo(renewed.serial());
            // A connection opened before the renewal keeps its certificate and still works.
            assertThat(((X509Certificate) before.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .isEqualTo(webCertificate.serial());
            OutputStream out = before.getOutputStream();
            out.write("GET /-/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(before.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 200");
        }
        try (S3Client one = s3(1)) {
            assertThat(one.getObjectAsBytes(b -> b.bucket(BUCKET).key("doc/d1")).asUtf8String())
                    .isEqualTo("minted over tls");
        }
    }

    @Test
    @Order(5)
    void aBrowserUploadsOverHttps() throws Exception {
        boolean installed = ChromeDriver.executables().isPresent();
        // CI installs them (.ci/run): there, a missing browser is a failure, not a skip.
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("CI must have chromium and chromedriver installed").isTrue();
        assumeTrue(installed,
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        byte[] data = new byte[100_000];
        new Random(13).nextBytes(data);
        try (S3Client one = s3(1)) {
            one.putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                    .allowedOrigins(origin).allowedMethods("PUT", "GET").allowedHeaders("*").exposeHeaders("ETag")
                    .maxAgeSeconds(60).build())));
            JsonNode put = mint(1, Map.of("namespace", BUCKET, "kind", "browser", "id", "b1",
                    "contentType", "application/x-test"));
            byte[] page = ("<!doctype html><html><body><script>const PUT = " + put + ";\nconst DATA = '"
                    + Base64.getEncoder().encodeToString(data) + "';</script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            pages.createContext("/", ex -> {
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
                ex.close();
            });
            pages.start();
            // The browser does not know the test CA; what is tested is the server's side of HTTPS.
            try (ChromeDriver browser = ChromeDriver.start(List.of("--ignore-certificate-errors"))) {
                browser.navigate(origin + "/upload.html");
                JsonNode result = browser.executeAsync("""
                        const done = arguments[arguments.length - 1];
                        const bytes = Uint8Array.from(atob(DATA), c => c.charCodeAt(0));
                        fetch(PUT.putUrl, {method: 'PUT', headers: PUT.putHeaders, body: bytes})
                          .then(r => done({status: r.status, etag: r.headers.get('ETag')}), e => done({error: String(e)}));
                        """);
                assertThat(result.has("error")).as(result.toString()).isFalse();
                assertThat(result.get("status").asInt()).isEqualTo(200);
            }
            assertThat(one.getObjectAsBytes(b -> b.bucket(BUCKET).key("browser/b1")).asByteArray()).isEqualTo(data);
        } finally {
            pages.stop(0);
        }
    }
}
