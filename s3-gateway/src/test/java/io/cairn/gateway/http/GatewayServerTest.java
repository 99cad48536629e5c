package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.s3.MemoryObjectService;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.storage.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayServerTest {

    /** Accepts every request except those carrying "Authorization: bad". */
    static final RequestVerifier VERIFIER = head -> {
        if ("bad".equals(head.headers().get("Authorization"))) {
            throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        }
        return new RequestVerifier.Verified() {
            @Override
            public String accessKey() {
                return "root";
            }

            @Override
            public InputStream wrapBody(InputStream raw, io.netty.handler.codec.http.HttpHeaders headers) {
                return raw;
            }

            @Override
            public Map<String, String> checksums() {
                return Map.of();
            }
        };
    };

    private MemoryObjectService objects;
    private GatewayServer server;
    private InetSocketAddress address;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        objects = new MemoryObjectService();
        objects.chunkSize(100_000);
        server = new GatewayServer(GatewayConfig.of("127.0.0.1", 0), objects, VERIFIER);
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void putThenGetStreamsLargeBodiesBothWays() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/bucket1")).PUT(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(200);
        byte[] data = new byte[5 * 1024 * 1024 + 7];
        new Random(1).nextBytes(data);
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(uri("/bucket1/dir/a%20b+c"))
                .header("Content-Type", "text/plain").header("x-amz-meta-color", "blue")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("ETag").orElseThrow()).startsWith("\"").endsWith("\"");
        assertThat(objects.headObject("bucket1", "dir/a b+c", null).size()).isEqualTo(data.length);

        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(uri("/bucket1/dir/a%20b+c")).GET());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(get.body(), data)).isTrue();
        assertThat(get.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(get.headers().firstValue("x-amz-meta-color")).contains("blue");
        assertThat(get.headers().firstValue("x-amz-request-id").orElseThrow()).hasSize(16);

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(uri("/bucket1/dir/a%20b+c"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(data.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void errorsAreS3XmlWithTheRequestId() throws Exception {
        objects.createBucket("bucket1");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/bucket1/missing")).GET());
        assertThat(r.statusCode()).isEqualTo(404);
        String id = r.headers().firstValue("x-amz-request-id").orElseThrow();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
                        + "<Message>The specified key does not exist.</Message><Resource>/bucket1/missing</Resource>"
                        + "<RequestId>" + id + "</RequestId></Error>");
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(uri("/bucket1/missing"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(body(send(HttpRequest.newBuilder(uri("/bucket1?foo")).GET()))).contains("<Code>NotImplemented</Code>");
        assertThat(body(send(HttpRequest.newBuilder(uri("/bucket1?analytics")).GET()))).contains("<Code>NotImplemented</Code>");
        assertThat(body(send(HttpRequest.newBuilder(uri("/Bad_Name")).PUT(HttpRequest.BodyPublishers.noBody()))))
                .contains("<Code>InvalidBucketName</Code>");
        assertThat(body(send(HttpRequest.newBuilder(uri("/bucket1/" + "k".repeat(1025))).GET())))
                .contains("<Code>KeyTooLongError</Code>");
    }

    @Test
    void rangesAndUnsatisfiableRanges() throws Exception {
        objects.createBucket("bucket1");
        send(HttpRequest.newBuilder(uri("/bucket1/k")).PUT(HttpRequest.BodyPublishers.ofString("0123456789")));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/bucket1/k")).header("Range", "bytes=2-4").GET());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(body(r)).isEqualTo("234");
        assertThat(r.headers().firstValue("Content-Range")).contains("bytes 2-4/10");
        assertThat(body(send(HttpRequest.newBuilder(uri("/bucket1/k")).header("Range", "bytes=-3").GET())))
                .isEqualTo("789");
        HttpResponse<byte[]> bad = send(HttpRequest.newBuilder(uri("/bucket1/k")).header("Range", "bytes=10-").GET());
        assertThat(bad.statusCode()).isEqualTo(416);
        assertThat(bad.headers().firstValue("Content-Range")).contains("bytes */10");
        assertThat(body(bad)).contains("<Code>InvalidRange</Code>");
    }

    @Test
    void continueIsSentOnlyAfterAuthentication() throws Exception {
        objects.createBucket("bucket1");
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /bucket1/k HTTP/1.1\r\nHost: x\r\nAuthorization: bad\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 403 Forbidden").doesNotContain("100 Continue")
                    .contains("<Code>SignatureDoesNotMatch</Code>").containsIgnoringCase("connection: close");
        }
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /bucket1/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[25];
            int n = s.getInputStream().readNBytes(buf, 0, 25);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = readAll(s.getInputStream(), "\r\n\r\n");
            assertThat(rest).startsWith("HTTP/1.1 200 OK");
        }
        assertThat(objects.headObject("bucket1", "k", null).size()).isEqualTo(5);
    }

    @Test
    void uploadsSentBackToBackOnOneConnectionAreAllAnswered() throws Exception {
        objects.createBucket("bucket1");
        // A client sends its next request the moment it has read an answer; the gateway may not yet have
        // finished its bookkeeping of the previous upload, and must not take the new request for bytes beyond
        // the previous body.
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 300; i++) {
                out.write(("PUT /bucket1/k" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = readAll(in, "\r\n\r\n");
                assertThat(answer).as("answer to upload %d", i).startsWith("HTTP/1.1 200 OK")
                        .doesNotContainIgnoringCase("connection: close");
            }
        }
        assertThat(objects.headObject("bucket1", "k299", null).size()).isEqualTo(3);
    }

    @Test
    void anUploadRefusedWhileItsBodyIsArrivingGetsTheErrorNotAReset() throws Exception {
        objects.createBucket("bucket1");
        int length = 16 * 1024 * 1024;
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /bucket1/k HTTP/1.1\r\nHost: x\r\nAuthorization: bad\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // The answer is written before the body is read; the client, still sending, must be able to finish
            // and then read it, as an HTTP client that reads only after sending does.
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 403 Forbidden")
                    .contains("<Code>SignatureDoesNotMatch</Code>").containsIgnoringCase("connection: close");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> objects.headObject("bucket1", "k", null))
                .isInstanceOf(io.cairn.object.ObjectNotFoundException.class);
    }

    @Test
    void oversizedHeadersAreRejected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nx-big: " + "a".repeat(20_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request").contains("<Code>RequestHeaderSectionTooLarge</Code>");
        }
    }

    @Test
    void closeWaitsForRequestsInFlight() throws Exception {
        objects.createBucket("bucket1");
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("PUT /bucket1/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Await.until("the upload is in flight", Duration.ofSeconds(10), () -> server.requestsInFlight() == 1);
            Thread closer = new Thread(server::close);
            closer.start();
            // Closing has begun once connections are refused; it must wait for the upload still arriving.
            Await.until("the gateway refuses connections", Duration.ofSeconds(10), this::refusesConnections);
            assertThat(closer.isAlive()).isTrue();
            out.write("cd".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            closer.join(10_000);
            assertThat(closer.isAlive()).isFalse();
        }
        assertThat(new String(objects.getObject("bucket1", "slow", null, null).next().array(),
                StandardCharsets.US_ASCII)).startsWith("abcd");
    }

    private boolean refusesConnections() {
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Reads until {@code end} has been seen (the connection stays open). */
    private static String readAll(InputStream in, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while (!out.toString(StandardCharsets.UTF_8).endsWith(end) && (b = in.read()) >= 0) {
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // connection reset after the answer: what we read is the answer
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStalledUploadIsCutOffAfterTheIdleTimeout() throws Exception {
        server.close();
        server = new GatewayServer(new GatewayConfig("127.0.0.1", 0, null, "us-east-1",
                java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(1), 8), objects, VERIFIER);
        address = server.start();
        objects.createBucket("bucket1");
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("PUT /bucket1/stalled HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            assertThat(answer).doesNotContain("200 OK");
        }
        Await.until("the stalled upload is cut off", Duration.ofSeconds(5), () -> server.requestsInFlight() == 0);
        assertThat(objects.listBuckets()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> objects.headObject("bucket1", "stalled", null))
                .isInstanceOf(io.cairn.object.ObjectNotFoundException.class);
    }

    @Test
    void aClientThatShutsItsSendingSideGetsEveryAnswerInOrder() throws Exception {
        objects.createBucket("bucket1");
        objects.putObject("bucket1", "a", new java.io.ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)),
                5, io.cairn.object.PutOptions.of(Map.of()));
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /bucket1/a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /bucket1/a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "PUT /bucket1/b HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nsecond")
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String answer = readAll(s.getInputStream());
            assertThat(answer.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(answer.indexOf("first")).isPositive().isLessThan(answer.lastIndexOf("HTTP/1.1 200 OK"));
        }
        assertThat(objects.headObject("bucket1", "b", null).size()).isEqualTo(6);
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /bucket1/a HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 200 OK").endsWith("first");
        }
    }

    @Test
    void aBodyCutShortByAHalfCloseStoresNothing() throws Exception {
        objects.createBucket("bucket1");
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("PUT /bucket1/cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly this"
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            readAll(s.getInputStream());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> objects.headObject("bucket1", "cut", null))
                .isInstanceOf(io.cairn.object.ObjectNotFoundException.class);
    }

    @Test
    void bytesBeyondADeclaredBodyNeverRunAsAnotherRequest() throws Exception {
        objects.createBucket("bucket1");
        try (Socket s = new Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("PUT /bucket1/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "DELETE /bucket1/k HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(s.getInputStream());
            // (Connection: close is on the answer only when the extra bytes arrived before it was written)
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer only, then the connection closes").hasSize(2);
        }
        assertThat(objects.headObject("bucket1", "k", null).size()).isEqualTo(5);
    }

    @Test
    void anUnsupportedHttpVersionIs505() throws Exception {
        // (a request line that names no HTTP version at all, such as FOO/1.1, is 400: it cannot be parsed)
        for (String version : new String[] {"HTTP/2.0", "HTTP/1.2", "HTTP/3.0"}) {
            try (Socket s = new Socket("127.0.0.1", address.getPort())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("GET / " + version + "\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = readAll(s.getInputStream());
                assertThat(answer).as(version).startsWith("HTTP/1.1 505 ")
                        .contains("<Code>HttpVersionNotSupported</Code>");
            }
        }
    }
}
