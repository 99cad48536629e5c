package io.cairn.gateway.crypto;

import java.security.MessageDigest;

/**
 * The encryption a request asks for or unlocks with: SSE-S3, or SSE-C with the customer's 32-byte key
 * (already checked against its MD5). {@link #toString()} never shows the key.
 */
public record SseRequest(SseMode mode, byte[] customerKey) {

    public static final SseRequest S3 = new SseRequest(SseMode.S3, null);

    public SseRequest {
        if (mode == SseMode.CUSTOMER && (customerKey == null || customerKey.length != 32)) {
            throw new IllegalArgumentException("a customer key has 32 bytes");
        }
        customerKey = customerKey == null ? null : customerKey.clone();
    }

    public static SseRequest customer(byte[] key) {
        return new SseRequest(SseMode.CUSTOMER, key);
    }

    @Override
    public byte[] customerKey() {
        return customerKey == null ? null : customerKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseRequest r && r.mode == mode && MessageDigest.isEqual(r.customerKey, customerKey);
    }

    @Override
    public int hashCode() {
        return mode.hashCode();
    }

    @Override
    public String toString() {
        return "SseRequest[" + mode + "]";
    }
}
