package io.cairn.object;

/**
 * A requested byte range as HTTP states it: {@code first}..{@code last} inclusive, where last = -1 means
 * to the end; or a suffix of {@code suffixLength} bytes when first = -1.
 */
public record ByteRange(long first, long last, long suffixLength) {

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, last, -1);
    }

    public static ByteRange suffix(long length) {
        return new ByteRange(-1, -1, length);
    }

    /** Resolves against an object size to [offset, offset+length); null when unsatisfiable. */
    public long[] resolve(long size) {
        if (first < 0) {
            if (suffixLength <= 0) {
                return null;
            }
            long len = Math.min(suffixLength, size);
            return len == 0 ? null : new long[] {size - len, len};
        }
        if (first >= size) {
            return null;
        }
        long end = last < 0 ? size - 1 : Math.min(last, size - 1);
        if (end < first) {
            return null;
        }
        return new long[] {first, end - first + 1};
    }
}
