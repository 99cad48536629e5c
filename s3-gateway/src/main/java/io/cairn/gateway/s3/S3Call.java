package io.cairn.gateway.s3;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One authenticated request as an operation sees it. {@code body} is the verified body stream (empty when
 * the request has none); reading it to the end may throw if a signature or checksum does not match.
 * {@code checksums} (algorithm, lowercase, to base64 value) are known once the body was read to its end.
 * {@code accessKey} is null for anonymous requests; {@code root} is true when it is the root user's, who may
 * act on every bucket. {@code sourceIp} (the connection's peer, null when unknown) and {@code secure} (it
 * came over TLS) are what bucket policies see as aws:SourceIp and aws:SecureTransport.
 */
public record S3Call(S3Request request, String accessKey, boolean root, InputStream body,
                     Supplier<Map<String, String>> checksums, String sourceIp, boolean secure) {

    /** A call whose origin policies cannot see. */
    public S3Call(S3Request request, String accessKey, boolean root, InputStream body,
                  Supplier<Map<String, String>> checksums) {
        this(request, accessKey, root, body, checksums, null, false);
    }

    /** A call by an ordinary (not root) user. */
    public S3Call(S3Request request, String accessKey, InputStream body, Supplier<Map<String, String>> checksums) {
        this(request, accessKey, false, body, checksums);
    }
}
