package io.cairn.object;

import java.util.List;

public record ListPartsResult(List<PartInfo> parts, boolean truncated, int nextPartNumberMarker) {
    public ListPartsResult {
        parts = List.copyOf(parts);
    }
}
