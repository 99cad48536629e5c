package io.cairn.gateway.crypto;

/** An encrypted object cannot be written or read with the keys the request brings. */
public final class SseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why; the S3 layer picks the error code from it. */
    public enum Reason {
        /** The customer key does not match the one the object (or upload) was encrypted with. */
        KEY_MISMATCH,
        /** The object (or upload) is encrypted with a customer key and the request brings none. */
        KEY_REQUIRED,
        /** The request brings a customer key for an object that was not encrypted with one. */
        NOT_APPLICABLE,
        /** Stored ciphertext or a sealed key failed authentication: damaged or tampered with. */
        TAMPERED,
        /** SSE-KMS names a key (or key version) the key ring does not hold. */
        KMS_KEY_NOT_FOUND
    }

    private final Reason reason;

    public SseException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
