package io.cairn.presign;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A SigV4 canonical request, field by field. The static helpers build each field the S3 way: the path
 * is encoded once (S3 does not double-encode), query parameters are encoded then sorted, header values
 * are trimmed with inner runs of spaces collapsed.
 */
public record CanonicalRequest(String method, String canonicalUri, String canonicalQuery,
                               String canonicalHeaders, String signedHeaders, String payloadHash) {

    /** The six fields joined by newlines, exactly the text whose hash goes into the string to sign. */
    public String text() {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    public String hashHex() {
        return SigV4.sha256Hex(text());
    }

    /** Canonical URI of a decoded path: every byte but unreserved ones and '/' percent-encoded. */
    public static String canonicalUri(String decodedPath) {
        if (decodedPath == null || decodedPath.isEmpty()) {
            return "/";
        }
        return UriEncoding.encodePath(decodedPath);
    }

    /** Canonical query of decoded parameters: each name and value encoded, then sorted by name, value. */
    public static String canonicalQuery(List<Map.Entry<String, String>> decodedParameters) {
        List<Map.Entry<String, String>> encoded = new ArrayList<>(decodedParameters.size());
        for (Map.Entry<String, String> p : decodedParameters) {
            String value = p.getValue() == null ? "" : p.getValue();
            encoded.add(new SimpleEntry<>(UriEncoding.encode(p.getKey()), UriEncoding.encode(value)));
        }
        encoded.sort(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                .thenComparing(Map.Entry::getValue));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p.getKey()).append('=').append(p.getValue());
        }
        return out.toString();
    }

    /**
     * Splits a raw query string ("a=1&b&c=x%20y") into decoded parameters, leaving out the names in
     * {@code exclude} (compared exactly, after decoding). A parameter without '=' has an empty value.
     */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery, Set<String> exclude) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? part : part.substring(0, eq), true);
            String value = eq < 0 ? "" : UriEncoding.decode(part.substring(eq + 1), true);
            if (!exclude.contains(name)) {
                out.add(new SimpleEntry<>(name, value));
            }
        }
        return out;
    }

    /**
     * "name:value\n" for each signed header, in the order given (callers pass them sorted). Repeated
     * headers are joined with ','; a missing header contributes an empty value, which simply fails the
     * signature comparison.
     */
    public static String canonicalHeaders(List<String> signedHeaderNames,
                                          Function<String, List<String>> valuesOf) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaderNames) {
            out.append(name.toLowerCase(Locale.ROOT)).append(':');
            List<String> values = valuesOf.apply(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(trimValue(values.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Trims a header value and collapses each run of spaces inside it into one space. */
    public static String trimValue(String value) {
        String trimmed = value.strip();
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean space = c == ' ' || c == '\t';
            if (space && lastWasSpace) {
                continue;
            }
            out.append(space ? ' ' : c);
            lastWasSpace = space;
        }
        return out.toString();
    }
}
