package io.cairn.gateway.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The S3 flexible checksum algorithms. Values travel as base64 of the big-endian digest bytes, in
 * headers named x-amz-checksum-{lower-case name}.
 */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), CRC64NVME(8), SHA1(20), SHA256(32);

    private static final String HEADER_PREFIX = "x-amz-checksum-";
    private final int length;

    ChecksumAlgorithm(int length) {
        this.length = length;
    }

    /** Digest length in bytes: a header value that decodes to another length is malformed. */
    public int length() {
        return length;
    }

    /** "x-amz-checksum-crc32c" for CRC32C. */
    public String headerName() {
        return HEADER_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm named by an x-amz-checksum-* header (any case), if it is one. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(HEADER_PREFIX)) {
            return Optional.empty();
        }
        return fromName(lower.substring(HEADER_PREFIX.length()));
    }

    /** The algorithm for "CRC32C", "crc32c", as in x-amz-sdk-checksum-algorithm. */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public RunningChecksum start() {
        return switch (this) {
            case CRC32 -> new CrcRunning(new CRC32(), 4);
            case CRC32C -> new CrcRunning(new CRC32C(), 4);
            case CRC64NVME -> new CrcRunning(new Crc64Nvme(), 8);
            case SHA1 -> new DigestRunning(digest("SHA-1"));
            case SHA256 -> new DigestRunning(digest("SHA-256"));
        };
    }

    /** The whole-buffer checksum, base64 as S3 sends it. */
    public String base64Of(byte[] data) {
        RunningChecksum running = start();
        running.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(running.finish());
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every JDK", e);
        }
    }

    private static final class CrcRunning implements RunningChecksum {
        private final Checksum crc;
        private final int bytes;

        CrcRunning(Checksum crc, int bytes) {
            this.crc = crc;
            this.bytes = bytes;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            crc.update(data, offset, length);
        }

        @Override
        public byte[] finish() {
            long value = crc.getValue();
            byte[] out = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                out[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
            }
            return out;
        }
    }

    private static final class DigestRunning implements RunningChecksum {
        private final MessageDigest digest;

        DigestRunning(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }
}
