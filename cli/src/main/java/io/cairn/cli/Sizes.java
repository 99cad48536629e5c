package io.cairn.cli;

import java.util.Locale;

/** Parses sizes such as {@code 1MiB}, {@code 512KiB}, {@code 64k} or plain bytes. */
final class Sizes {

    private Sizes() {
    }

    static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"gib", "1073741824"}, {"mib", "1048576"}, {"kib", "1024"}, {"g", "1073741824"},
                {"m", "1048576"}, {"k", "1024"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0) {
                throw new IllegalArgumentException("size must be positive: " + text);
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: " + text);
        }
    }
}
