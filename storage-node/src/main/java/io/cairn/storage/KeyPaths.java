package io.cairn.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reversible escaping from an object key to a relative directory path inside a volume.
 *
 * <p>A key is split at {@code /} into segments and each segment becomes one directory (MinIO-style),
 * so a prefix listing only walks the directories under that prefix. Within a segment every byte of its
 * UTF-8 form is written as itself when it is in {@code [A-Za-z0-9-_.~+=,@]}, and as {@code %XX} (upper
 * case hex) otherwise; non-ASCII bytes are always escaped so that file names are plain ASCII whatever
 * the JVM's file name encoding and whatever unicode normalisation the file system applies. On top of
 * that:
 * <ul>
 *   <li>a {@code .} at the start of a directory name is written {@code %2E}, so no name is ever
 *       {@code .} or {@code ..} and names starting with {@code .} stay free for the store itself;</li>
 *   <li>an empty segment (from {@code a//b} or a trailing {@code /}) is the name {@code %}, which no
 *       other rule produces because escaping always writes {@code %} followed by two hex digits;</li>
 *   <li>an escaped segment longer than 255 bytes is cut, never inside a {@code %XX}, into pieces of at
 *       most 254 bytes plus a trailing {@code %} that marks "the segment continues one level down";
 *       the last piece has no marker and is at most 255 bytes.</li>
 * </ul>
 * Decoding is strict: a name that escaping could not have produced (lower case hex, an escaped safe
 * byte, a raw leading dot) is rejected, so every directory name maps to at most one key and stray
 * files never show up as keys.
 */
public final class KeyPaths {

    /** The longest key S3 accepts, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** The longest directory name most file systems accept, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    static final String EMPTY_SEGMENT = "%";
    static final char CONTINUED = '%';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] SAFE = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            SAFE[c] = true;
            SAFE[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        for (char c : "-_.~+=,@".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private KeyPaths() {
    }

    /**
     * Checks that {@code key} is a valid object key (1 to 1024 bytes of well-formed UTF-8) and returns
     * its UTF-8 bytes; throws {@link IllegalArgumentException} otherwise.
     */
    public static byte[] validKeyBytes(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("key is not valid unicode (lone surrogate at " + i + ")");
            }
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key longer than " + MAX_KEY_BYTES + " bytes: " + bytes.length);
        }
        return bytes;
    }

    /** The directory names, outermost first, that hold the object {@code key}. */
    public static List<String> escape(String key) {
        byte[] bytes = validKeyBytes(key);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                escapeSegment(bytes, start, i, names);
                start = i + 1;
            }
        }
        return names;
    }

    /** The escaped key as a relative path with {@code /} separators. */
    public static String toRelativePath(String key) {
        return String.join("/", escape(key));
    }

    /** The object directory of {@code key} under {@code volumeDir}; always strictly inside it. */
    public static Path resolve(Path volumeDir, String key) {
        Path dir = volumeDir;
        for (String name : escape(key)) {
            dir = dir.resolve(name);
        }
        return dir;
    }

    /** The key whose escaped directory names are {@code names}; {@link IllegalArgumentException} if none. */
    public static String unescape(List<String> names) {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        boolean midSegment = false;
        for (int i = 0; i < names.size(); i++) {
            Name name = Name.parse(names.get(i));
            if (name == null || (midSegment && name.emptySegment())) {
                throw new IllegalArgumentException("not an escaped key: " + names);
            }
            if (i > 0 && !midSegment) {
                key.write('/');
            }
            key.writeBytes(name.bytes());
            midSegment = name.continued();
        }
        String decoded = new String(key.toByteArray(), StandardCharsets.UTF_8);
        // Equal keys must come from one path only: reject names cut or escaped differently.
        if (midSegment || names.isEmpty() || !escape(decoded).equals(names)) {
            throw new IllegalArgumentException("not an escaped key: " + names);
        }
        return decoded;
    }

    /** Inverse of {@link #toRelativePath(String)}. */
    public static String unescape(String relativePath) {
        return unescape(List.of(relativePath.split("/", -1)));
    }

    private static void escapeSegment(byte[] key, int from, int to, List<String> names) {
        if (from == to) {
            names.add(EMPTY_SEGMENT);
            return;
        }
        StringBuilder piece = new StringBuilder();
        int remaining = escapedLength(key, from, to);
        for (int i = from; i < to; i++) {
            String token = token(key[i], piece.length() == 0);
            if (remaining > MAX_NAME_BYTES && piece.length() + token.length() > MAX_NAME_BYTES - 1) {
                names.add(piece.append(CONTINUED).toString());
                piece.setLength(0);
                remaining = escapedLength(key, i, to);
                token = token(key[i], true);
            }
            piece.append(token);
        }
        names.add(piece.toString());
    }

    /** Length of the bytes [from, to) escaped as one unsplit name. */
    private static int escapedLength(byte[] key, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            length += token(key[i], i == from).length();
        }
        return length;
    }

    private static String token(byte b, boolean startOfName) {
        int u = b & 0xFF;
        if (u < 128 && SAFE[u] && !(startOfName && u == '.')) {
            return String.valueOf((char) u);
        }
        return new String(new char[] {'%', HEX[u >> 4], HEX[u & 0xF]});
    }

    /** One directory name decoded: the key bytes it stands for and whether the segment continues. */
    record Name(byte[] bytes, boolean continued, boolean emptySegment) {

        /** Decodes a directory name, or returns null when escaping cannot have produced it. */
        static Name parse(String name) {
            if (name.equals(EMPTY_SEGMENT)) {
                return new Name(new byte[0], false, true);
            }
            boolean continued = name.length() > 1 && name.charAt(name.length() - 1) == CONTINUED;
            int end = continued ? name.length() - 1 : name.length();
            if (end == 0 || end > (continued ? MAX_NAME_BYTES - 1 : MAX_NAME_BYTES)) {
                return null;
            }
            byte[] out = new byte[end];
            int n = 0;
            for (int i = 0; i < end; i++) {
                char c = name.charAt(i);
                if (c == '%') {
                    if (i + 2 >= end) {
                        return null;
                    }
                    int hi = hex(name.charAt(i + 1));
                    int lo = hex(name.charAt(i + 2));
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    byte b = (byte) (hi << 4 | lo);
                    if (token(b, i == 0).charAt(0) != '%') {
                        return null;
                    }
                    out[n++] = b;
                    i += 2;
                } else if (c < 128 && SAFE[c] && !(i == 0 && c == '.')) {
                    out[n++] = (byte) c;
                } else {
                    return null;
                }
            }
            return new Name(Arrays.copyOf(out, n), continued, false);
        }

        private static int hex(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }
    }
}
