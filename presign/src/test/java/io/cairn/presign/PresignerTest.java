package io.cairn.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresignerTest {
    static final SigningCredentials CREDENTIALS =
            new SigningCredentials(SigV4Test.ACCESS_KEY, SigV4Test.SECRET);
    static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");

    @Test
    void reproducesThePublishedPresignedUrl() {
        PresignRequest request = new PresignRequest("GET", URI.create("https://examplebucket.s3.amazonaws.com"),
                "/test.txt", Map.of(), Map.of(), Duration.ofSeconds(86400), "us-east-1", NOW);
        assertThat(Presigner.presign(request, CREDENTIALS).toString()).isEqualTo(
                "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void pathStyleUrlKeepsThePortAndEncodesTheKey() {
        URI url = Presigner.presign("PUT", URI.create("http://127.0.0.1:9000"), "bucket", "a b/ü+.txt",
                Duration.ofMinutes(5), CREDENTIALS, "us-east-1", NOW);
        assertThat(url.getRawPath()).isEqualTo("/bucket/a%20b/%C3%BC%2B.txt");
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=300").contains("X-Amz-SignedHeaders=host");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(9000);
        assertThat(Presigner.hostHeader(URI.create("http://127.0.0.1:9000"))).isEqualTo("127.0.0.1:9000");
        assertThat(Presigner.hostHeader(URI.create("https://s3.example:443"))).isEqualTo("s3.example");
    }

    @Test
    void refusesLifetimesOutsideOneSecondToSevenDays() {
        URI endpoint = URI.create("http://127.0.0.1:9000");
        assertThatThrownBy(() -> Presigner.presign("GET", endpoint, "b", "k", Duration.ofSeconds(604801),
                CREDENTIALS, "us-east-1", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Presigner.presign("GET", endpoint, "b", "k", Duration.ZERO,
                CREDENTIALS, "us-east-1", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
