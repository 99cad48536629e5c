package io.cairn.gateway.s3;

import java.nio.charset.StandardCharsets;

/** The x-amz-copy-source header: {@code [/]bucket/key[?versionId=v]}, URL-encoded. */
record CopySource(String bucket, String key, String versionId) {

    static CopySource parse(String header) {
        if (header == null || header.isEmpty()) {
            throw invalid();
        }
        String h = header.startsWith("/") ? header.substring(1) : header;
        String versionId = null;
        int q = h.indexOf('?');
        if (q >= 0) {
            String query = h.substring(q + 1);
            h = h.substring(0, q);
            if (query.startsWith("versionId=")) {
                versionId = S3Router.decode(query.substring("versionId=".length()));
            }
        }
        int slash = h.indexOf('/');
        if (slash <= 0 || slash == h.length() - 1) {
            throw invalid();
        }
        String bucket = S3Router.decode(h.substring(0, slash));
        String key = S3Router.decode(h.substring(slash + 1));
        if (!BucketNames.valid(bucket)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > S3Router.MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
        }
        return new CopySource(bucket, key, versionId);
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key:"
                + " sourcebucket/sourcekey");
    }
}
