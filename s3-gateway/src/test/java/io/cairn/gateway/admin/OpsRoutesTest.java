package io.cairn.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

    private static HttpRequest get(String host, String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set("Host", host);
        return r;
    }

    private static OpsRoutes routes(String domain) {
        return new OpsRoutes(null, null, new MetricsAccess("t"), null, null, null, null, "root", Clock.systemUTC(), domain);
    }

    @Test
    void reservedOnlyUnderTheDashPrefixAndNeverOnAVirtualHost() {
        OpsRoutes r = routes("s3.example.com");
        assertThat(r.matches(get("s3.example.com:9000", "/-/health/ready"), "/-/health/ready")).isTrue();
        assertThat(r.matches(get("127.0.0.1:9000", "/-/metrics"), "/-/metrics")).isTrue();
        // bucket.domain: "/-/health/ready" is the key "-/health/ready" of that bucket.
        assertThat(r.matches(get("photos.s3.example.com:9000", "/-/health/ready"), "/-/health/ready")).isFalse();
        assertThat(r.matches(get("s3.example.com", "/health/ready"), "/health/ready")).isFalse();
        assertThat(r.matches(get("s3.example.com", "/-bucket/x"), "/-bucket/x")).isFalse();
        assertThat(routes(null).matches(get("photos.s3.example.com", "/-/metrics"), "/-/metrics")).isTrue();
    }

    @Test
    void metricsTokenIsComparedExactly() {
        MetricsAccess access = new MetricsAccess("secret-token");
        HttpRequest ok = get("h", "/-/metrics");
        ok.headers().set("Authorization", "Bearer secret-token");
        HttpRequest wrong = get("h", "/-/metrics");
        wrong.headers().set("Authorization", "Bearer secret-tokeN");
        HttpRequest basic = get("h", "/-/metrics");
        basic.headers().set("Authorization", "Basic secret-token");
        assertThat(access.allows(ok)).isTrue();
        assertThat(access.allows(wrong)).isFalse();
        assertThat(access.allows(basic)).isFalse();
        assertThat(access.allows(get("h", "/-/metrics"))).isFalse();
        assertThat(new MetricsAccess(null).allows(ok)).isFalse();
    }
}
