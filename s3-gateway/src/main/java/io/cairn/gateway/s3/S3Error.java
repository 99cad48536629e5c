package io.cairn.gateway.s3;

import java.util.Map;

/** An S3 error as it goes on the wire: code, message and any headers S3 sends with it. */
public record S3Error(S3ErrorCode code, String message, Map<String, String> headers) {
    public S3Error {
        headers = Map.copyOf(headers);
    }

    public static S3Error of(S3ErrorCode code) {
        return new S3Error(code, code.defaultMessage(), Map.of());
    }
}
