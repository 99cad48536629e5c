package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A real browser uploads to the store from a page of another origin. The test mints the URNs server side
 * (minting needs the secret, which a page must never hold) and embeds the answers in the page; the page
 * then uploads with fetch() to the presigned PUT URL while long-polling the await URL, and through a plain
 * HTML form POST with the minted policy. A page on an origin the CORS rules do not list is refused.
 */
class BrowserIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "browser";
    static final ObjectMapper JSON = new ObjectMapper();

    static HttpServer pages;
    static HttpServer otherPages;
    static final Map<String, String> served = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> landed = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void setUp() throws Exception {
        boolean installed = ChromeDriver.executables().isPresent();
        // CI installs them (.ci/run): there, a missing browser is a failure, not a skip.
        assertThat(installed || !"true".equals(System.getenv("CI")))
                .as("CI must have chromium and chromedriver installed").isTrue();
        assumeTrue(installed,
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        pages = pageServer();
        otherPages = pageServer();
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
        cluster.s3().putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins(origin(pages)).allowedMethods("GET", "PUT", "POST", "HEAD")
                .allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(60).build())));
    }

    @AfterAll
    static void tearDown() {
        if (pages != null) {
            pages.stop(0);
            otherPages.stop(0);
        }
    }

    static HttpServer pageServer() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/done")) {
                landed.add(ex.getRequestURI().getRawQuery());
            }
            byte[] body = served.getOrDefault(origin(s) + path, "<html><body>ok</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    static String origin(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    static JsonNode mint(String kind, String id, String contentType, String redirect) throws Exception {
        Map<String, String> p = new HashMap<>(Map.of("namespace", BUCKET, "kind", kind, "id", id,
                "contentType", contentType, "maxSize", "1048576"));
        if (redirect != null) {
            p.put("redirect", redirect);
        }
        return UrnIT.mintWith(cluster.endpoint(), p);
    }

    static String page(JsonNode put, JsonNode form, byte[] putBytes) {
        StringBuilder inputs = new StringBuilder();
        form.get("post").get("fields").properties().forEach(f -> inputs.append("<input type=\"hidden\" name=\"")
                .append(f.getKey()).append("\" value=\"").append(f.getValue().asText()).append("\">\n"));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>upload</title></head><body>\n"
                + "<form id=\"upload\" method=\"post\" enctype=\"multipart/form-data\" action=\""
                + form.get("post").get("url").asText() + "\">\n" + inputs
                + "<input type=\"file\" id=\"file\" name=\"file\">\n</form>\n<script>\n"
                + "const PUT = " + put + ";\nconst DATA = '" + Base64.getEncoder().encodeToString(putBytes) + "';\n"
                + "</script></body></html>";
    }

    /** The page's own upload: long-poll await, PUT with fetch(), report what the browser saw. */
    static final String FETCH_UPLOAD = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const waiting = fetch(PUT.awaitUrl).then(async r => ({status: r.status, body: await r.json()}));
              await new Promise(r => setTimeout(r, 300));
              const bytes = Uint8Array.from(atob(DATA), c => c.charCodeAt(0));
              const put = await fetch(PUT.putUrl, {method: 'PUT', headers: PUT.putHeaders, body: bytes});
              const awaited = await waiting;
              done({putStatus: put.status, etag: put.headers.get('ETag'), await: awaited});
            })().catch(e => done({error: String(e)}));
            """;

    @Test
    void browserUploadsWithFetchAndWithAFormPostUnderCors() throws Exception {
        byte[] putBytes = new byte[200_000];
        new Random(7).nextBytes(putBytes);
        byte[] formBytes = new byte[150_000];
        new Random(8).nextBytes(formBytes);
        JsonNode put = mint("fetch", "f1", "application/x-test-fetch", null);
        JsonNode form = mint("form", "p1", "image/png", origin(pages) + "/done");
        served.put(origin(pages) + "/upload.html", page(put, form, putBytes));
        Path file = Files.createTempFile("cairn-form-", ".png");
        Files.write(file, formBytes);
        CompletableFuture<HttpResponse<String>> formAwait = FormPost.HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(form.get("awaitUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        try (ChromeDriver browser = ChromeDriver.start()) {
            browser.navigate(origin(pages) + "/upload.html");
            JsonNode result = browser.executeAsync(FETCH_UPLOAD);
            assertThat(result.has("error")).as(result.toString()).isFalse();
            assertThat(result.get("putStatus").asInt()).isEqualTo(200);
            assertThat(result.get("await").get("status").asInt()).isEqualTo(200);
            JsonNode awaited = result.get("await").get("body");
            assertThat(awaited.get("state").asText()).isEqualTo("committed");
            assertThat(awaited.get("etag").asText()).isEqualTo(result.get("etag").asText());
            assertThat(awaited.get("size").asLong()).isEqualTo(putBytes.length);

            browser.type("#file", file.toString());
            browser.execute("document.getElementById('upload').submit();");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!browser.currentUrl().startsWith(origin(pages) + "/done") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(browser.currentUrl()).startsWith(origin(pages) + "/done?bucket=browser&key=form%2Fp1&etag=");
        } finally {
            Files.deleteIfExists(file);
        }
        HttpResponse<String> formDone = formAwait.get(30, TimeUnit.SECONDS);
        assertThat(formDone.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(formDone.body()).get("size").asLong()).isEqualTo(formBytes.length);

        ResponseBytes<GetObjectResponse> viaFetch = cluster.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("fetch/f1"));
        assertThat(viaFetch.asByteArray()).isEqualTo(putBytes);
        assertThat(viaFetch.response().contentType()).isEqualTo("application/x-test-fetch");
        ResponseBytes<GetObjectResponse> viaForm = cluster.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("form/p1"));
        assertThat(viaForm.asByteArray()).isEqualTo(formBytes);
        assertThat(viaForm.response().contentType()).isEqualTo("image/png");
        assertThat(landed).anySatisfy(q -> assertThat(q).contains("etag=" + URLEncoder.encode(
                viaForm.response().eTag(), StandardCharsets.UTF_8)));
    }

    @Test
    void aPageFromAnOriginTheRulesDoNotListCannotUpload() throws Exception {
        JsonNode put = mint("fetch", "rejected", "text/plain", null);
        served.put(origin(otherPages) + "/upload.html", page(put, put, "not allowed".getBytes()));
        try (ChromeDriver browser = ChromeDriver.start()) {
            browser.navigate(origin(otherPages) + "/upload.html");
            JsonNode result = browser.executeAsync("""
                    const done = arguments[arguments.length - 1];
                    fetch(PUT.putUrl, {method: 'PUT', headers: PUT.putHeaders, body: 'not allowed'})
                      .then(r => done({status: r.status}), e => done({error: String(e)}));
                    """);
            assertThat(result.has("error")).as(result.toString()).isTrue();
            assertThat(result.get("error").asText()).contains("Failed to fetch");
        }
        assertThatThrownBy(() -> cluster.s3().headObject(b -> b.bucket(BUCKET).key("fetch/rejected")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
