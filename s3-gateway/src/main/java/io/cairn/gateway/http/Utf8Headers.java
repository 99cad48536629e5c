package io.cairn.gateway.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP codec reads header bytes as ISO-8859-1, one char per byte. SDKs send non-ASCII values (user
 * metadata) as UTF-8 and sign the UTF-8 text, so a value whose bytes are valid UTF-8 is decoded as such
 * before anything signs, stores or compares it. Other values (plain ASCII, or Latin-1 bytes that are not
 * UTF-8) stay as they are.
 */
final class Utf8Headers {

    private Utf8Headers() {
    }

    static void decode(HttpHeaders headers) {
        List<Map.Entry<String, String>> changed = null;
        for (Map.Entry<String, String> h : headers) {
            if (!isAscii(h.getValue())) {
                if (changed == null) {
                    changed = new ArrayList<>();
                }
                changed.add(h);
            }
        }
        if (changed == null) {
            return;
        }
        for (Map.Entry<String, String> h : changed) {
            String name = h.getKey();
            List<String> values = new ArrayList<>();
            for (String v : headers.getAll(name)) {
                values.add(utf8OrSame(v));
            }
            headers.set(name, values);
        }
    }

    static String utf8OrSame(String value) {
        if (isAscii(value)) {
            return value;
        }
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
