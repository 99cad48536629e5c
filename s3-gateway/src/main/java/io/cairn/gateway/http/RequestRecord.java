package io.cairn.gateway.http;

/**
 * What one S3 request did, as metrics and the access log see it once its response is written. Fields that
 * are unknown (the request failed before routing or authentication) are null. {@code bytesIn} counts body
 * bytes as received on the wire (aws-chunked framing included), {@code bytesOut} response body bytes sent.
 */
public record RequestRecord(String requestId, String remoteAddress, String accessKey, String operation,
                            String bucket, String key, int status, String errorCode, long bytesIn,
                            long bytesOut, long durationNanos) {
}
