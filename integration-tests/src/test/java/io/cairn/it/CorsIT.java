package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class CorsIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "cors-rules";
    static final String BARE = "cors-none";
    static final String APP = "https://app.example.com";

    @BeforeAll
    static void buckets() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
        cluster.s3().createBucket(b -> b.bucket(BARE));
        cluster.s3().putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().id("app").allowedOrigins(APP, "http://*.example.org").allowedMethods("GET", "PUT")
                        .allowedHeaders("content-type", "x-amz-*").exposeHeaders("x-amz-version-id")
                        .maxAgeSeconds(600).build(),
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
        cluster.s3().putObject(b -> b.bucket(BUCKET).key("hello.txt"), RequestBody.fromString("hello"));
    }

    static HttpResponse<String> options(String bucket, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.endpoint() + "/" + bucket + "/hello.txt"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        b.header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return FormPost.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configurationRoundTripsAndDeletes() {
        GetBucketCorsResponse got = cluster.s3().getBucketCors(b -> b.bucket(BUCKET));
        assertThat(got.corsRules()).hasSize(2);
        CORSRule first = got.corsRules().get(0);
        assertThat(first.id()).isEqualTo("app");
        assertThat(first.allowedOrigins()).containsExactly(APP, "http://*.example.org");
        assertThat(first.allowedMethods()).containsExactly("GET", "PUT");
        assertThat(first.allowedHeaders()).containsExactly("content-type", "x-amz-*");
        assertThat(first.exposeHeaders()).containsExactly("x-amz-version-id");
        assertThat(first.maxAgeSeconds()).isEqualTo(600);

        cluster.s3().createBucket(b -> b.bucket("cors-temp"));
        cluster.s3().putBucketCors(b -> b.bucket("cors-temp").corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
        cluster.s3().deleteBucketCors(b -> b.bucket("cors-temp"));
        assertThatThrownBy(() -> cluster.s3().getBucketCors(b -> b.bucket("cors-temp")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
                });
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThatThrownBy(() -> cluster.s3().putBucketCors(b -> b.bucket(BARE).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
                });
    }

    @Test
    void preflightIsAnsweredWithoutAuthenticationWhenARuleMatches() throws Exception {
        HttpResponse<String> ok = options(BUCKET, APP, "PUT", "Content-Type, X-Amz-Meta-Owner");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, PUT");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type, x-amz-meta-owner");
        assertThat(ok.headers().firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(ok.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));

        HttpResponse<String> wildcard = options(BUCKET, "http://shop.example.org", "GET", null);
        assertThat(wildcard.statusCode()).isEqualTo(200);
        HttpResponse<String> anyOrigin = options(BUCKET, "http://elsewhere.test", "GET", null);
        assertThat(anyOrigin.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(anyOrigin.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflightIsRefusedWithAwsErrorsWhenNothingMatches() throws Exception {
        HttpResponse<String> method = options(BUCKET, "http://elsewhere.test", "PUT", null);
        assertThat(method.statusCode()).isEqualTo(403);
        assertThat(method.body()).contains("<Code>AccessForbidden</Code>")
                .contains("<Message>CORSResponse: This CORS request is not allowed. This is usually because the"
                        + " evalution of Origin, request method / Access-Control-Request-Method or"
                        + " Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message>");
        assertThat(method.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> header = options(BUCKET, APP, "PUT", "x-custom");
        assertThat(header.statusCode()).isEqualTo(403);
        HttpResponse<String> none = options(BARE, APP, "GET", null);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("<Message>CORSResponse: CORS is not enabled for this bucket.</Message>");
        HttpResponse<String> noOrigin = options(BUCKET, null, "GET", null);
        assertThat(noOrigin.statusCode()).isEqualTo(400);
    }

    @Test
    void actualResponsesCarryCorsHeadersIncludingErrors() throws Exception {
        SigningCredentials creds = new SigningCredentials(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY);
        URI get = Presigner.presign("GET", cluster.endpoint(), BUCKET, "hello.txt", Duration.ofMinutes(5), creds,
                "us-east-1", Instant.now());
        HttpResponse<String> ok = FormPost.HTTP.send(HttpRequest.newBuilder(get).header("Origin", APP).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.body()).isEqualTo("hello");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(ok.headers().firstValue("Access-Control-Expose-Headers")).contains("x-amz-version-id, ETag");

        URI missing = Presigner.presign("GET", cluster.endpoint(), BUCKET, "nope.txt", Duration.ofMinutes(5), creds,
                "us-east-1", Instant.now());
        HttpResponse<String> notFound = FormPost.HTTP.send(HttpRequest.newBuilder(missing).header("Origin", APP).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);

        // Refused before the operation runs (no signature): still readable by the page.
        HttpResponse<String> anonymous = FormPost.HTTP.send(HttpRequest.newBuilder(
                URI.create(cluster.endpoint() + "/" + BUCKET + "/hello.txt")).header("Origin", APP).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);

        HttpResponse<String> otherOrigin = FormPost.HTTP.send(HttpRequest.newBuilder(get)
                .header("Origin", "http://elsewhere.test").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        HttpResponse<String> bare = FormPost.HTTP.send(HttpRequest.newBuilder(Presigner.presign("GET",
                cluster.endpoint(), BARE, "x", Duration.ofMinutes(5), creds, "us-east-1", Instant.now()))
                .header("Origin", APP).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(List.of(ok, notFound)).allSatisfy(r -> assertThat(r.headers().firstValue("Vary")).isPresent());
    }
}
