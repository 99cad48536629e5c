package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import io.cairn.storage.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UrnIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String NS = "urn-space";
    static final ObjectMapper JSON = new ObjectMapper();
    static final SigningCredentials CREDS = new SigningCredentials(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY);

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(NS));
    }

    /** Mints through the endpoint with a presigned (SigV4 query) POST, as any client could. */
    static JsonNode mint(Map<String, String> params) throws Exception {
        return mintWith(cluster.endpoint(), params);
    }

    static JsonNode mintWith(URI endpoint, Map<String, String> params) throws Exception {
        HttpResponse<String> r = signed(endpoint, "POST", "/-/urn/mint", params);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> signed(String method, String path, Map<String, String> params) throws Exception {
        return signed(cluster.endpoint(), method, path, params);
    }

    static HttpResponse<String> signed(URI endpoint, String method, String path, Map<String, String> params)
            throws Exception {
        URI url = Presigner.presign(new PresignRequest(method, endpoint, path, params, Map.of(),
                Duration.ofMinutes(5), "us-east-1", Instant.now()), CREDS);
        return FormPost.HTTP.send(HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return FormPost.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(JsonNode minted, byte[] data, boolean withHeaders) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(minted.get("putUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data));
        if (withHeaders) {
            minted.get("putHeaders").fields().forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
        }
        return FormPost.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mintIsIdempotentAndMapsToBucketAndKey() throws Exception {
        Map<String, String> p = Map.of("namespace", NS, "kind", "avatar", "id", "user-42", "contentType", "image/png");
        JsonNode a = mint(p);
        JsonNode b = mint(p);
        assertThat(a.get("urn").asText()).isEqualTo("urn:cairn:urn-space:avatar:user-42");
        assertThat(a.get("bucket").asText()).isEqualTo(NS);
        assertThat(a.get("key").asText()).isEqualTo("avatar/user-42");
        assertThat(b.get("key").asText()).isEqualTo(a.get("key").asText());
        assertThat(a.get("putHeaders").get("if-none-match").asText()).isEqualTo("*");
        assertThat(a.get("post").get("fields").get("key").asText()).isEqualTo("avatar/user-42");
        JsonNode fresh = mint(Map.of("namespace", NS, "kind", "doc"));
        assertThat(fresh.get("key").asText()).startsWith("doc/").hasSize(4 + 28);
    }

    @Test
    void statusTellsPendingFromNeverMintedAndCommitted() throws Exception {
        JsonNode m = mint(Map.of("namespace", NS, "kind", "report", "id", "q1", "contentType", "text/csv"));
        HttpResponse<String> pending = get(m.get("statusUrl").asText());
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pending.body()).get("state").asText()).isEqualTo("pending");
        HttpResponse<String> never = signed("GET", "/-/urn/status", Map.of("urn", "urn:cairn:urn-space:report:q9"));
        assertThat(never.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(never.body()).get("state").asText()).isEqualTo("unknown");

        byte[] data = "a,b\n1,2\n".getBytes();
        assertThat(put(m, data, true).statusCode()).isEqualTo(200);
        JsonNode done = JSON.readTree(get(m.get("statusUrl").asText()).body());
        assertThat(done.get("state").asText()).isEqualTo("committed");
        assertThat(done.get("size").asLong()).isEqualTo(data.length);
        assertThat(done.get("contentType").asText()).isEqualTo("text/csv");
    }

    @Test
    void createOnlyPutCannotOverwriteAndMustSendTheSignedHeader() throws Exception {
        JsonNode m = mint(Map.of("namespace", NS, "kind", "once", "id", "x1", "contentType", "text/plain"));
        HttpResponse<String> unsigned = put(m, "no header".getBytes(), false);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        HttpResponse<String> wrongType = FormPost.HTTP.send(HttpRequest.newBuilder(URI.create(m.get("putUrl").asText()))
                .header("Content-Type", "text/html").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("<script>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(403);
        assertThat(wrongType.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(put(m, "first".getBytes(), true).statusCode()).isEqualTo(200);
        HttpResponse<String> again = put(m, "second".getBytes(), true);
        assertThat(again.statusCode()).isEqualTo(412);
        assertThat(again.body()).contains("<Code>PreconditionFailed</Code>");
        assertThat(cluster.s3().getObjectAsBytes(b -> b.bucket(NS).key("once/x1")).asUtf8String()).isEqualTo("first");
    }

    @Test
    void awaitReturnsOnCommitWithoutWaitingForTheTimeout() throws Exception {
        JsonNode m = mint(Map.of("namespace", NS, "kind", "upload", "id", "await-1"));
        String await = m.get("awaitUrl").asText();
        assertThat(await).contains("timeout=30");
        long start = System.nanoTime();
        int before = cluster.urnAwaitsWaiting();
        CompletableFuture<HttpResponse<String>> waiting = FormPost.HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(await)).build(), HttpResponse.BodyHandlers.ofString());
        // the gateway holds the long-poll, unanswered, until the upload commits
        Await.until("the await is waiting at the gateway", Duration.ofSeconds(10),
                () -> cluster.urnAwaitsWaiting() == before + 1);
        assertThat(waiting).isNotDone();
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        HttpResponse<String> put = put(m, data, true);
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> r = waiting.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).isLessThan(10_000);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("state").asText()).isEqualTo("committed");
        assertThat(body.get("etag").asText()).isEqualTo(put.headers().firstValue("ETag").orElseThrow());
        assertThat(body.get("size").asLong()).isEqualTo(data.length);
        // Already committed: answered at once.
        assertThat(get(await).statusCode()).isEqualTo(200);
    }

    @Test
    void awaitTimesOutWith204AndAbandonedReservationsExpire() throws Exception {
        Map<String, String> p = new LinkedHashMap<>(Map.of("namespace", NS, "kind", "slow", "id", "s1"));
        mint(p);
        long start = System.nanoTime();
        HttpResponse<String> r = signed("GET", "/-/urn/await", Map.of("urn", "urn:cairn:urn-space:slow:s1", "timeout", "1"));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 5_000L);

        p.put("id", "short");
        p.put("expires", "1");
        JsonNode m = mint(p);
        cluster.stepClock(Duration.ofMillis(1_500));
        HttpResponse<String> expired = signed("GET", "/-/urn/status", Map.of("urn", m.get("urn").asText()));
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(expired.body()).get("state").asText()).isEqualTo("expired");
        HttpResponse<String> lateUpload = put(m, "late".getBytes(), true);
        assertThat(lateUpload.statusCode()).isEqualTo(403);
        assertThat(lateUpload.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
    }

    @Test
    void mintNeedsASignatureAndAValidUrn() throws Exception {
        HttpResponse<String> anonymous = FormPost.HTTP.send(HttpRequest.newBuilder(
                URI.create(cluster.endpoint() + "/-/urn/mint?namespace=" + NS + "&kind=x"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        HttpResponse<String> bad = signed("POST", "/-/urn/mint", Map.of("namespace", NS, "kind", "Bad Kind"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>InvalidArgument</Code>");
        HttpResponse<String> noBucket = signed("POST", "/-/urn/mint", Map.of("namespace", "no-such-ns", "kind", "x"));
        assertThat(noBucket.statusCode()).isEqualTo(404);
        assertThat(noBucket.body()).contains("<Code>NoSuchBucket</Code>");
    }
}
