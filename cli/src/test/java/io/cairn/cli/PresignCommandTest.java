package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.auth.AuthException;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.presign.CredentialScope;
import io.cairn.presign.PostCondition;
import io.cairn.presign.PostPolicy;
import io.cairn.presign.PostPolicySigner;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PresignCommandTest {

    static final Map<String, String> ENV = Map.of(StaticCredentialStore.ROOT_USER_ENV, "presigner",
            StaticCredentialStore.ROOT_PASSWORD_ENV, "presign-secret-123");
    static final RequestAuthenticator AUTH = new RequestAuthenticator(
            StaticCredentialStore.fromEnvironment(ENV, null), Clock.systemUTC(), "us-east-1");

    static String[] run(String... args) {
        PresignCommand cmd = new PresignCommand();
        cmd.env = ENV;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(cmd).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as(err.toString()).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    static DefaultHttpRequest request(String method, URI url) {
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), url.getRawPath()
                + "?" + url.getRawQuery());
        r.headers().set("Host", url.getRawAuthority());
        return r;
    }

    @Test
    void getUrlIsAcceptedByTheGatewaysAuthenticator() throws Exception {
        String[] out = run("get", "--endpoint", "http://127.0.0.1:9000", "--expires", "10m", "photos", "a b/c.png");
        URI url = URI.create(out[0].strip());
        assertThat(url.getRawPath()).isEqualTo("/photos/a%20b/c.png");
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=600").contains("X-Amz-Credential=presigner%2F");
        assertThat(AUTH.authenticate(request("GET", url)).accessKey()).isEqualTo("presigner");
        assertThatThrownBy(() -> AUTH.authenticate(request("PUT", url))).isInstanceOf(AuthException.class);
    }

    @Test
    void createOnlyPutSignsIfNoneMatchAndContentType() throws Exception {
        String[] out = run("put", "--create-only", "--content-type", "text/csv", "docs", "r.csv");
        URI url = URI.create(out[0].strip());
        assertThat(url.getRawQuery()).contains("X-Amz-SignedHeaders=content-type%3Bhost%3Bif-none-match");
        assertThat(out[1]).contains("send header: if-none-match: *").contains("send header: content-type: text/csv");
        DefaultHttpRequest withHeaders = request("PUT", url);
        withHeaders.headers().set("Content-Type", "text/csv").set("If-None-Match", "*");
        assertThat(AUTH.authenticate(withHeaders).accessKey()).isEqualTo("presigner");
        assertThatThrownBy(() -> AUTH.authenticate(request("PUT", url))).isInstanceOf(AuthException.class);
    }

    @Test
    void postPrintsSignedFieldsAndAnHtmlForm() throws Exception {
        String[] out = run("post", "--max-size", "10MiB", "--key-prefix", "in/", "--status", "201",
                "--content-type", "image/png", "photos", "in/${filename}");
        String[] parts = out[0].split("\n\n", 2);
        JsonNode form = new ObjectMapper().readTree(parts[0]);
        assertThat(form.get("url").asText()).isEqualTo("http://127.0.0.1:9000/photos");
        JsonNode fields = form.get("fields");
        assertThat(fields.get("key").asText()).isEqualTo("in/${filename}");
        PostPolicy policy = PostPolicy.parse(fields.get("policy").asText());
        assertThat(policy.conditions()).contains(new PostCondition.StartsWith("key", "in/"),
                new PostCondition.ContentLengthRange(0, 10 * 1024 * 1024), new PostCondition.Eq("bucket", "photos"),
                new PostCondition.Eq("content-type", "image/png"), new PostCondition.Eq("success_action_status", "201"));
        CredentialScope scope = CredentialScope.parseCredential(fields.get("x-amz-credential").asText()).orElseThrow().scope();
        PostPolicySigner.verify(fields.get("policy").asText(), fields.get("x-amz-signature").asText(),
                "presign-secret-123", scope);
        assertThat(parts[1]).contains("<form action=\"http://127.0.0.1:9000/photos\" method=\"post\""
                + " enctype=\"multipart/form-data\">").contains("<input type=\"file\" name=\"file\">");
    }

    @Test
    void durationsAndBadActions() {
        assertThat(PresignCommand.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PresignCommand.parseDuration("12h")).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> PresignCommand.parseDuration("8d")).hasMessageContaining("7 days");
        PresignCommand cmd = new PresignCommand();
        cmd.env = ENV;
        StringWriter err = new StringWriter();
        int code = new CommandLine(cmd).setErr(new PrintWriter(err)).execute("delete", "b", "k");
        assertThat(code).isNotZero();
    }
}
