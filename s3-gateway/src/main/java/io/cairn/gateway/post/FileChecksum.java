package io.cairn.gateway.post;

import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.gateway.checksum.RunningChecksum;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * An x-amz-checksum-{algorithm} form field: the file must have that checksum. The file is checked as the
 * object layer reads it and its last read fails on a mismatch, so nothing is stored; the value is kept
 * with the object like a PUT's checksum header.
 */
final class FileChecksum {

    private final ChecksumAlgorithm algorithm;
    private final String value;
    private final byte[] expected;

    private FileChecksum(ChecksumAlgorithm algorithm, String value, byte[] expected) {
        this.algorithm = algorithm;
        this.value = value;
        this.expected = expected;
    }

    /** The form's checksum field, null when it has none; InvalidRequest for two or a malformed value. */
    static FileChecksum of(Map<String, String> fields) {
        FileChecksum found = null;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            ChecksumAlgorithm a = ChecksumAlgorithm.fromHeaderName(f.getKey()).orElse(null);
            if (a == null) {
                continue;
            }
            if (found != null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            found = new FileChecksum(a, f.getValue().strip(), decode(a, f.getValue()));
        }
        return found;
    }

    private static byte[] decode(ChecksumAlgorithm a, String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != a.length()) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "Value for " + a.headerName() + " header is invalid.");
        }
        return raw;
    }

    /** The metadata entry that keeps the checksum with the object. */
    void addTo(Map<String, String> metadata) {
        metadata.put(algorithm.headerName(), value);
    }

    /** The file as the object layer reads it: its end fails unless the checksum matches. */
    Verifying verify(InputStream file) {
        return new Verifying(file);
    }

    /** Reads through, computing the checksum; {@link #failure()} tells a mismatch from other read errors. */
    final class Verifying extends FilterInputStream {
        private final RunningChecksum running = algorithm.start();
        private S3Exception failure;
        private boolean ended;

        private Verifying(InputStream in) {
            super(in);
        }

        S3Exception failure() {
            return failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                running.update(b, off, r);
            } else if (r < 0 && !ended) {
                ended = true;
                if (MessageDigest.isEqual(running.finish(), expected)) {
                    return r;
                }
                failure = new S3Exception(S3ErrorCode.BAD_DIGEST, "The " + algorithm.name()
                        + " you specified did not match the calculated checksum.");
                throw new IOException(failure.getMessage());
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }
    }
}
