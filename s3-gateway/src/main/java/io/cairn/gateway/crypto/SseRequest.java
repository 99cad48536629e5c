package io.cairn.gateway.crypto;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The encryption a request asks for or unlocks with: SSE-S3, or SSE-C with the customer's 32-byte key
 * (already checked against its MD5). {@link #toString()} never shows the key.
 */
public record SseRequest(SseMode mode, byte[] customerKey, String kmsKeyId) {

    public static final SseRequest S3 = new SseRequest(SseMode.S3, null, null);

    public SseRequest {
        if (mode == SseMode.CUSTOMER && (customerKey == null || customerKey.length != 32)) {
            throw new IllegalArgumentException("a customer key has 32 bytes");
        }
        if (mode == SseMode.KMS && kmsKeyId == null) {
            throw new IllegalArgumentException("SSE-KMS names a key");
        }
        customerKey = customerKey == null ? null : customerKey.clone();
    }

    public static SseRequest customer(byte[] key) {
        return new SseRequest(SseMode.CUSTOMER, key, null);
    }

    /** SSE-KMS under the key ring's key {@code keyId}. */
    public static SseRequest kms(String keyId) {
        return new SseRequest(SseMode.KMS, null, keyId);
    }

    @Override
    public byte[] customerKey() {
        return customerKey == null ? null : customerKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseRequest r && r.mode == mode && MessageDigest.isEqual(r.customerKey, customerKey)
                && Objects.equals(r.kmsKeyId, kmsKeyId);
    }

    @Override
    public int hashCode() {
        return mode.hashCode();
    }

    @Override
    public String toString() {
        return "SseRequest[" + mode + (kmsKeyId == null ? "" : " " + kmsKeyId) + "]";
    }
}
