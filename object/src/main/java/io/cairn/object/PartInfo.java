package io.cairn.object;

import java.time.Instant;
import java.util.Map;

public record PartInfo(int partNumber, String etag, long size, Instant lastModified, Map<String, String> metadata) {
    public PartInfo {
        metadata = Map.copyOf(metadata);
    }
}
