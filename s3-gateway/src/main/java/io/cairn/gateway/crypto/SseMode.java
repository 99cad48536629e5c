package io.cairn.gateway.crypto;

/** How an object's data key is protected. Both encrypt data with AES-256-GCM ("AES256" on the wire). */
public enum SseMode {
    /** SSE-S3: sealed under a key derived from the master key. */
    S3,
    /** SSE-C: sealed under a key derived from the customer's key, which the request must bring each time. */
    CUSTOMER,
    /** SSE-KMS: sealed under a key derived from a version of a named key of the key ring ({@link KeyRing}). */
    KMS
}
