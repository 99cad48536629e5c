package io.cairn.presign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one percent-encoding SigV4 uses: every byte except the unreserved set A-Z a-z 0-9 - _ . ~ is
 * written as %XY with upper-case hex, over the UTF-8 bytes of the text.
 */
public final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes a query name or value, or a single path segment ('/' becomes %2F). */
    public static String encode(String text) {
        return encode(text, false);
    }

    /** Encodes a whole path: like {@link #encode(String)} but '/' stays as it is. */
    public static String encodePath(String path) {
        return encode(path, true);
    }

    private static String encode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /**
     * Decodes %XY escapes into UTF-8 text. A '%' not followed by two hex digits stays literal, so a
     * sloppy client's path still yields a canonical form instead of an error here; the signature
     * comparison then decides. {@code plusIsSpace} is for query strings, where '+' means a space.
     */
    public static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
