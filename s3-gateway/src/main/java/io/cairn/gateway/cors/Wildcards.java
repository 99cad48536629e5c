package io.cairn.gateway.cors;

import java.util.Locale;

/** CORS patterns: literal text with at most one '*' that stands for any run of characters. */
final class Wildcards {

    private Wildcards() {
    }

    static int count(String pattern) {
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*') {
                n++;
            }
        }
        return n;
    }

    /** Origins match case-sensitively (scheme and host as the browser sends them). */
    static boolean matches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }

    /** Header names match case-insensitively. */
    static boolean matchesIgnoreCase(String pattern, String value) {
        return matches(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
    }
}
