package io.cairn.object;

import java.util.List;

/**
 * One page of a listing. {@code nextMarker} is the last key or common prefix returned when truncated
 * (resume strictly after it).
 */
public record ListResult(List<ObjectInfo> objects, List<String> commonPrefixes, boolean truncated,
                         String nextMarker) {
    public ListResult {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
