package io.cairn.presign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {
    @Test
    void encodesEverythingButUnreservedOnce() {
        assertThat(UriEncoding.encode("a b+c/d~e_f.g-h*!'()")).isEqualTo("a%20b%2Bc%2Fd~e_f.g-h%2A%21%27%28%29");
        assertThat(UriEncoding.encodePath("/bucket/dir/é ü")).isEqualTo("/bucket/dir/%C3%A9%20%C3%BC");
        assertThat(CanonicalRequest.canonicalUri("/b/100%")).isEqualTo("/b/100%25");
        assertThat(CanonicalRequest.canonicalUri("")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalUri("/b/a//b/../c")).isEqualTo("/b/a//b/../c");
    }

    @Test
    void decodesPercentEscapesAndKeepsBrokenOnesLiteral() {
        assertThat(UriEncoding.decode("a%20b%2Fc%zz%4", false)).isEqualTo("a b/c%zz%4");
        assertThat(UriEncoding.decode("a+b", false)).isEqualTo("a+b");
        assertThat(UriEncoding.decode("a+b", true)).isEqualTo("a b");
        assertThat(UriEncoding.decode("%C3%A9", false)).isEqualTo("é");
    }

    @Test
    void sortsQueryByEncodedNameThenValue() {
        var params = CanonicalRequest.parseQuery("b=2&a=z&a=y&uploads&X-Amz-Signature=abc&c=x%20y", Set.of("X-Amz-Signature"));
        assertThat(CanonicalRequest.canonicalQuery(params)).isEqualTo("a=y&a=z&b=2&c=x%20y&uploads=");
        // Sorting is on the encoded form: '%' (0x25) sorts before letters, and 'Z' before 'a'.
        var odd = CanonicalRequest.parseQuery("a=1&Z=2&%21=3", Set.of());
        assertThat(CanonicalRequest.canonicalQuery(odd)).isEqualTo("%21=3&Z=2&a=1");
    }

    @Test
    void canonicalHeadersTrimAndJoinRepeatedValues() {
        Map<String, List<String>> headers = Map.of("x-amz-meta-a", List.of("  one   two  ", "three"),
                "host", List.of("h:9000"));
        String text = CanonicalRequest.canonicalHeaders(List.of("host", "x-amz-meta-a"), headers::get);
        assertThat(text).isEqualTo("host:h:9000\nx-amz-meta-a:one two,three\n");
    }
}
