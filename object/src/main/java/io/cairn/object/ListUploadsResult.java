package io.cairn.object;

import java.time.Instant;
import java.util.List;

public record ListUploadsResult(List<Upload> uploads, List<String> commonPrefixes, boolean truncated,
                                String nextKeyMarker, String nextUploadIdMarker) {
    public ListUploadsResult {
        uploads = List.copyOf(uploads);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    public record Upload(String key, String uploadId, Instant initiated) {
    }
}
