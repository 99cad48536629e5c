package io.cairn.gateway.s3;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * One routed S3 request: the operation, its bucket and key (decoded; null when absent), the decoded query
 * parameters and the request headers. {@code resource} is the path as the client sent it, for error bodies.
 */
public record S3Request(S3Operation operation, String method, String bucket, String key,
                        Map<String, List<String>> query, HttpHeaders headers, String resource, String requestId) {

    public S3Request {
        query = Map.copyOf(query);
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean hasParam(String name) {
        return query.containsKey(name);
    }

    /** A header value, or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }
}
