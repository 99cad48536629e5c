package io.cairn.gateway.s3;

import io.cairn.object.ByteRange;

/**
 * Parses a single-range {@code Range: bytes=...} header. Anything else (other units, several ranges,
 * bad syntax) is ignored, as HTTP allows and S3 does: the whole object is served.
 */
final class RangeHeader {

    private RangeHeader() {
    }

    static ByteRange parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                return last.isEmpty() ? null : ByteRange.suffix(Long.parseLong(last));
            }
            long a = Long.parseLong(first);
            if (last.isEmpty()) {
                return ByteRange.of(a, -1);
            }
            long b = Long.parseLong(last);
            return b < a ? null : ByteRange.of(a, b);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
