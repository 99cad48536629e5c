package io.cairn.object;

/**
 * A listing: keys with {@code prefix}, strictly after {@code startAfter} (the larger of marker,
 * start-after and continuation token), grouped by {@code delimiter} (null: no grouping), at most
 * {@code maxKeys} entries counting keys and common prefixes.
 */
public record ListRequest(String prefix, String delimiter, String startAfter, int maxKeys) {
    public ListRequest {
        prefix = prefix == null ? "" : prefix;
        startAfter = startAfter == null ? "" : startAfter;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    }
}
