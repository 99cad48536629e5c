package io.cairn.object;

import java.util.Comparator;

/**
 * S3 orders keys by their UTF-8 bytes. Java's {@code String.compareTo} compares UTF-16 units, which
 * differs for characters above U+FFFF against U+E000..U+FFFF; this comparator compares code points, which
 * is the same order as UTF-8 bytes.
 */
final class KeyOrder {

    static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
