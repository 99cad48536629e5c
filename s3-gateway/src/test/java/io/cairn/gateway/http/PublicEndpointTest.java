package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicEndpointTest {

    static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 40000);
    static final InetSocketAddress STRANGER = new InetSocketAddress("203.0.113.9", 40000);
    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 9000);
    static final PublicEndpoint BEHIND_PROXY = PublicEndpoint.fromRequest(TrustedProxies.parse("10.0.0.0/24"));

    static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    @Test
    void theSchemeOfTheConnectionAndTheHostTheClientSent() {
        HttpHeaders h = headers("Host", "s3.local:9000");
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(h, true, STRANGER, LOCAL)).hasToString("https://s3.local:9000");
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(h, false, STRANGER, LOCAL)).hasToString("http://s3.local:9000");
    }

    @Test
    void forwardedHeadersCountFromATrustedProxyOnly() {
        HttpHeaders h = headers("Host", "cairn-internal:9000", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "s3.example.com");
        assertThat(BEHIND_PROXY.resolve(h, false, PROXY, LOCAL)).hasToString("https://s3.example.com");
        assertThat(BEHIND_PROXY.resolve(h, false, STRANGER, LOCAL)).hasToString("http://cairn-internal:9000");
        // Without a trusted proxy list nobody is believed, not even the proxy.
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(h, false, PROXY, LOCAL)).hasToString("http://cairn-internal:9000");
    }

    @Test
    void theProxyNearestTheClientIsTheOneThatSaysWhatTheClientUsed() {
        HttpHeaders h = headers("Host", "inner", "X-Forwarded-Proto", "https, http",
                "X-Forwarded-Host", "s3.example.com:8443, inner");
        assertThat(BEHIND_PROXY.resolve(h, false, PROXY, LOCAL)).hasToString("https://s3.example.com:8443");
    }

    @Test
    void nonsenseInForwardedHeadersIsIgnored() {
        HttpHeaders h = headers("Host", "s3.local", "X-Forwarded-Proto", "gopher",
                "X-Forwarded-Host", "evil.example/path?x");
        assertThat(BEHIND_PROXY.resolve(h, true, PROXY, LOCAL)).hasToString("https://s3.local");
    }

    @Test
    void withoutAUsableHostTheAddressTheClientConnectedToIsUsed() {
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(headers(), true, STRANGER, LOCAL))
                .hasToString("https://192.0.2.1:9000");
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(headers("Host", "a b"), false, STRANGER,
                new InetSocketAddress("::1", 9000))).hasToString("http://[0:0:0:0:0:0:0:1]:9000");
        assertThat(PublicEndpoint.FROM_REQUEST.resolve(headers("Host", "[::1]:9000"), false, STRANGER, LOCAL))
                .hasToString("http://[::1]:9000");
    }

    @Test
    void aConfiguredPublicUrlWinsOverEverything() {
        PublicEndpoint fixed = PublicEndpoint.fixed(URI.create("HTTPS://s3.example.com/"));
        HttpHeaders h = headers("Host", "inner:9000", "X-Forwarded-Proto", "http", "X-Forwarded-Host", "other");
        assertThat(fixed.resolve(h, false, PROXY, LOCAL)).hasToString("https://s3.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.example.com", "ftp://s3.example.com", "https://s3.example.com/prefix",
            "https://user@s3.example.com", "https://s3.example.com?x=1", "https:///nohost"})
    void aPublicUrlIsASchemeAndAHostOnly(String url) {
        assertThatThrownBy(() -> PublicEndpoint.fixed(URI.create(url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--public-url");
    }
}
