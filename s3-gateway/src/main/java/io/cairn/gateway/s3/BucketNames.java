package io.cairn.gateway.s3;

/** S3's bucket naming rules (the current ones: lowercase, 3-63 characters, DNS-compatible). */
final class BucketNames {

    private BucketNames() {
    }

    static boolean valid(String name) {
        int n = name.length();
        if (n < 3 || n > 63) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        if (!alnum(name.charAt(0)) || !alnum(name.charAt(n - 1))) {
            return false;
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return false;
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
                || name.endsWith("--ol-s3")) {
            return false;
        }
        return !name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
