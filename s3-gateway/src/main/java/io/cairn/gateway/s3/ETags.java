package io.cairn.gateway.s3;

/** ETags on the wire are quoted; the object layer keeps them bare. */
final class ETags {

    private ETags() {
    }

    static String quote(String etag) {
        return "\"" + etag + "\"";
    }

    static String unquote(String etag) {
        String t = etag.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Whether an If-Match / If-None-Match list ({@code *} or comma-separated ETags) names {@code etag}. */
    static boolean listMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || unquote(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
