package io.cairn.gateway.s3;

import java.util.Map;

/**
 * A request the gateway itself rejects (bad parameter, bad header, unsupported feature), already carrying
 * its S3 code. Extra headers ride along where S3 sends them with the error (Content-Range on 416).
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final S3ErrorCode code;
    private final transient Map<String, String> headers;

    public S3Exception(S3ErrorCode code) {
        this(code, code.defaultMessage());
    }

    public S3Exception(S3ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public S3Exception(S3ErrorCode code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public S3ErrorCode code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
