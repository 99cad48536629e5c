package io.cairn.presign;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a presigned URL grants: one method on one path of one endpoint, for {@code expires} from
 * {@code now}. {@code path} is decoded ("/bucket/a key"); {@code query} holds extra decoded parameters
 * (e.g. partNumber, uploadId); {@code headers} are headers the caller of the URL must send exactly
 * (e.g. content-type), signed alongside host.
 */
public record PresignRequest(String method, URI endpoint, String path, Map<String, String> query,
                             Map<String, String> headers, Duration expires, String region, Instant now) {
    public PresignRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        long seconds = expires.getSeconds();
        if (seconds < 1 || seconds > SigV4.MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires must be between 1 second and 7 days: " + expires);
        }
    }
}
