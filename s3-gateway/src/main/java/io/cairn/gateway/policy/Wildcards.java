package io.cairn.gateway.policy;

/** IAM wildcards: {@code *} matches any run of characters (also none), {@code ?} exactly one. */
final class Wildcards {

    private Wildcards() {
    }

    static boolean match(String pattern, String value) {
        return match(pattern, value, false);
    }

    /** Iterative glob match with backtracking to the last star: linear in practice, never exponential. */
    static boolean match(String pattern, String value, boolean ignoreCase) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
