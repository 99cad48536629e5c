package io.cairn.object;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an object as readers see it. {@code etag} is without quotes. {@code partSizes} lists
 * the sizes of the parts of a multipart object (empty for a single-part PUT).
 */
public record ObjectInfo(String bucket, String key, String versionId, long size, String etag,
                         Instant lastModified, Map<String, String> metadata, boolean deleteMarker,
                         List<Long> partSizes) {
    public ObjectInfo {
        metadata = Map.copyOf(metadata);
        partSizes = List.copyOf(partSizes);
    }
}
