package io.cairn.object;

import java.util.List;

/**
 * One page of ListObjectVersions: versions and delete markers in key order, newest first within a key.
 * Resume after ({@code nextKeyMarker}, {@code nextVersionIdMarker}) when truncated.
 */
public record ListVersionsResult(List<Entry> versions, List<String> commonPrefixes, boolean truncated,
                                 String nextKeyMarker, String nextVersionIdMarker) {
    public ListVersionsResult {
        versions = List.copyOf(versions);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** A version or delete marker ({@code info.deleteMarker()}), and whether it is the key's current one. */
    public record Entry(ObjectInfo info, boolean latest) {
    }
}
