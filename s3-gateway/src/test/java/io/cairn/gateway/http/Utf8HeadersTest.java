package io.cairn.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8HeadersTest {

    /** What the codec makes of bytes on the wire: one char per byte. */
    private static String wire(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8ValuesAreDecoded() {
        HttpHeaders h = new DefaultHttpHeaders();
        h.add("x-amz-meta-a", wire("Hello World\u00e9".getBytes(StandardCharsets.UTF_8)));
        h.add("x-amz-meta-b", wire("\u65e5\u672c".getBytes(StandardCharsets.UTF_8)));
        h.add("x-amz-meta-b", "plain");
        Utf8Headers.decode(h);
        assertThat(h.get("x-amz-meta-a")).isEqualTo("Hello World\u00e9");
        assertThat(h.getAll("x-amz-meta-b")).containsExactly("\u65e5\u672c", "plain");
    }

    @Test
    void latin1AndAsciiValuesStayAsSent() {
        HttpHeaders h = new DefaultHttpHeaders();
        h.add("x-amz-meta-latin", wire(new byte[] {'c', 'a', 'f', (byte) 0xe9}));
        h.add("Content-Type", "text/plain");
        Utf8Headers.decode(h);
        assertThat(h.get("x-amz-meta-latin")).isEqualTo("caf\u00e9");
        assertThat(h.get("Content-Type")).isEqualTo("text/plain");
    }
}
