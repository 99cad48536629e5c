package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.auth.StaticCredentialStore;
import io.cairn.gateway.s3.MemoryObjectService;
import io.cairn.object.ObjectNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection handler's own behaviour, on an embedded channel with the server's pipeline: when it
 * answers 100 Continue, that it refuses before reading a body, keep-alive and pipelining, and that
 * requests failing before any operation runs still get S3 error documents.
 */
class S3RequestHandlerTest {

    private final MemoryObjectService objects = new MemoryObjectService();
    /** What the channel had written when each request was authenticated. */
    private final List<Integer> writtenAtVerify = new ArrayList<>();
    private EmbeddedGateway gw;

    @BeforeEach
    void open() {
        objects.createBucket("bkt");
        gw = new EmbeddedGateway(objects, head -> {
            writtenAtVerify.add(gw.channel.outboundMessages().size());
            return GatewayServerTest.VERIFIER.verify(head);
        });
    }

    @AfterEach
    void close() {
        gw.channel.finishAndReleaseAll();
    }

    private static String put(String key, String body, String... headers) {
        return "PUT /bkt/" + key + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n"
                + String.join("", headers) + "\r\n" + body;
    }

    // ---- 100-continue and refusals before the body ----

    @Test
    void continueIsSentOnceAuthenticationPassedAndTheBodyIsReadAfterIt() {
        gw.send("PUT /bkt/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        assertThat(writtenAtVerify).containsExactly(0);
        EmbeddedGateway.Response proceed = gw.response();
        assertThat(proceed.status()).isEqualTo(100);
        assertThat(proceed.body()).isEmpty();
        gw.send("hello");
        gw.runWorkers();
        assertThat(gw.response().status()).isEqualTo(200);
        assertThat(new String(objects.getObject("bkt", "k", null, null).next().array())).isEqualTo("hello");
        assertThat(gw.channel.isOpen()).isTrue();
    }

    @Test
    void aRefusedUploadGetsItsErrorInsteadOfContinueAndItsBodyIsNeverRead() {
        gw.send("PUT /bkt/k HTTP/1.1\r\nHost: x\r\nAuthorization: bad\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\n\r\n");
        EmbeddedGateway.Response refused = gw.response();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>", "<Resource>/bkt/k</Resource>");
        assertThat(refused.header("Connection")).isEqualTo("close");
        // answered from the event loop: no operation started, nothing waits for the body
        assertThat(gw.workersWaiting()).isZero();
        assertThat(gw.channel.isOpen()).isFalse();
        assertThatThrownBy(() -> objects.headObject("bkt", "k", null)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void anUploadWithoutExpectIsRefusedBeforeItsFirstBodyByte() {
        gw.send("PUT /bkt/k HTTP/1.1\r\nHost: x\r\nAuthorization: bad\r\nContent-Length: 1000000\r\n\r\n");
        EmbeddedGateway.Response refused = gw.response();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Connection")).isEqualTo("close");
        assertThat(gw.workersWaiting()).isZero();
    }

    @Test
    void aRequestRefusedByRoutingIsNeverAuthenticatedNorContinued() {
        gw.send("PUT /Bad_Bucket/k HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        EmbeddedGateway.Response refused = gw.response();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>InvalidBucketName</Code>");
        assertThat(writtenAtVerify).isEmpty();
        assertThat(gw.workersWaiting()).isZero();
    }

    // ---- keep-alive ----

    @Test
    void oneConnectionCarriesRequestAfterRequestUntilTheClientAsksToClose() {
        gw.send(put("k", "hello"));
        gw.runWorkers();
        assertThat(gw.response().status()).isEqualTo(200);
        gw.send("GET /bkt/k HTTP/1.1\r\nHost: x\r\n\r\n");
        gw.runWorkers();
        EmbeddedGateway.Response get = gw.response();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello");
        assertThat(get.header("Connection")).isNull();
        assertThat(gw.channel.isOpen()).isTrue();

        gw.send("GET /bkt/k HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        gw.runWorkers();
        EmbeddedGateway.Response last = gw.response();
        assertThat(last.body()).isEqualTo("hello");
        assertThat(last.header("Connection")).isEqualTo("close");
        assertThat(gw.channel.isOpen()).isFalse();
    }

    @Test
    void anHttp10RequestWithoutKeepAliveClosesTheConnection() {
        gw.send("GET /bkt/absent HTTP/1.0\r\nHost: x\r\n\r\n");
        gw.runWorkers();
        assertThat(gw.response().status()).isEqualTo(404);
        assertThat(gw.channel.isOpen()).isFalse();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOneAtATime() {
        gw.send(put("a", "first"));
        gw.runWorkers();
        gw.responses();
        gw.send("GET /bkt/a HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD /bkt/a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /bkt/absent HTTP/1.1\r\nHost: x\r\n\r\n");
        // the second request waits until the first is answered
        assertThat(gw.workersWaiting()).isEqualTo(1);
        gw.runWorkers();
        List<EmbeddedGateway.Response> all = gw.responses();
        assertThat(all).extracting(EmbeddedGateway.Response::status).containsExactly(200, 200, 404);
        assertThat(all.get(0).body()).isEqualTo("first");
        assertThat(gw.channel.isOpen()).isTrue();
    }

    @Test
    void nothingPipelinedBehindABodyRuns() {
        gw.send(put("a", "first") + put("b", "second") + "GET /bkt/a HTTP/1.1\r\nHost: x\r\n\r\n");
        gw.runWorkers();
        List<EmbeddedGateway.Response> all = gw.responses();
        assertThat(all).extracting(EmbeddedGateway.Response::status).containsExactly(200);
        assertThat(all.get(0).header("Connection")).isEqualTo("close");
        assertThat(objects.headObject("bkt", "a", null).size()).isEqualTo(5);
        assertThatThrownBy(() -> objects.headObject("bkt", "b", null)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(gw.channel.isOpen()).isFalse();
    }

    // ---- errors before any operation ----

    @Test
    void aRequestWhoseBodyCannotBeDelimitedIsInvalidRequestAndEndsTheConnection() {
        // nobody can tell where the body ends, so no request can follow it on this connection
        gw.send("PUT /bkt/k HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\nhello");
        EmbeddedGateway.Response r = gw.response();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("<?xml").contains("<Code>InvalidRequest</Code>",
                "<Message>The request could not be parsed.</Message>", "<Resource>/bkt/k</Resource>");
        assertThat(r.header("x-amz-request-id")).isNotBlank();
        assertThat(r.body()).contains("<RequestId>" + r.header("x-amz-request-id") + "</RequestId>");
        assertThat(gw.channel.isOpen()).isFalse();
        assertThat(writtenAtVerify).isEmpty();
    }

    @Test
    void aRequestLineTooLongToParseIsInvalidUri() {
        gw.send("GET /bkt/" + "k".repeat(GatewayInitializer.MAX_INITIAL_LINE) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        EmbeddedGateway.Response r = gw.response();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidURI</Code>", "<Message>The request line is too long.</Message>");
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(gw.channel.isOpen()).isFalse();
    }

    @Test
    void aKeyWhosePercentEncodingIsNotUtf8IsInvalidUriAndTheConnectionStaysUsable() {
        gw.send("GET /bkt/%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n");
        EmbeddedGateway.Response r = gw.response();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidURI</Code>");
        assertThat(writtenAtVerify).isEmpty();
        gw.send("GET /bkt/absent HTTP/1.1\r\nHost: x\r\n\r\n");
        gw.runWorkers();
        assertThat(gw.response().body()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedWithTheirS3Codes() {
        StaticCredentialStore credentials = StaticCredentialStore.fromEnvironment(Map.of(
                StaticCredentialStore.ROOT_USER_ENV, "root", StaticCredentialStore.ROOT_PASSWORD_ENV, "secret-12345"),
                null);
        EmbeddedGateway real = new EmbeddedGateway(objects,
                new AuthVerifier(new RequestAuthenticator(credentials, Clock.systemUTC(), "us-east-1")));
        try {
            Map<String, String> expected = Map.of(
                    "AWS4-HMAC-SHA256 Credential=root/20250101/us-east-1/s3/aws4_request", "AuthorizationHeaderMalformed",
                    "AWS root:c2lnbmF0dXJl", "InvalidRequest");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                real.send("GET /bkt/k HTTP/1.1\r\nHost: x\r\nAuthorization: " + e.getKey() + "\r\n\r\n");
                EmbeddedGateway.Response r = real.response();
                assertThat(r.status()).as(e.getKey()).isEqualTo(400);
                assertThat(r.body()).as(e.getKey()).startsWith("<?xml")
                        .contains("<Code>" + e.getValue() + "</Code>", "<Resource>/bkt/k</Resource>");
            }
            // Anonymous: authorised once the operation is known (no policy or ACL lets it through here).
            real.send("GET /bkt/k HTTP/1.1\r\nHost: x\r\n\r\n");
            real.runWorkers();
            EmbeddedGateway.Response anonymous = real.response();
            assertThat(anonymous.status()).isEqualTo(403);
            assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
            assertThat(real.workersWaiting()).isZero();
        } finally {
            real.channel.finishAndReleaseAll();
        }
    }
}
