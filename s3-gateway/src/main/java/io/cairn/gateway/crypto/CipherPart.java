package io.cairn.gateway.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * One independently encrypted run of packages: a single PUT's whole object, or one part of a multipart
 * object. {@code nonce} is its random 12-byte nonce base. Stored in metadata as {@code <size>:<nonce>}
 * with the nonce in unpadded base64url.
 */
public record CipherPart(long plainSize, byte[] nonce) {

    public CipherPart {
        if (plainSize < 0 || nonce.length != PackageFormat.NONCE_SIZE) {
            throw new IllegalArgumentException("bad cipher part");
        }
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    public long cipherSize() {
        return PackageFormat.cipherSize(plainSize);
    }

    String encode() {
        return plainSize + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** {@link SseException} TAMPERED when the stored text is not a cipher part. */
    static CipherPart decode(String text) {
        int colon = text.indexOf(':');
        try {
            return new CipherPart(Long.parseLong(text.substring(0, colon)),
                    Base64.getUrlDecoder().decode(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new SseException(SseException.Reason.TAMPERED, "unreadable encryption metadata");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CipherPart p && p.plainSize == plainSize && Arrays.equals(p.nonce, nonce);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(plainSize) * 31 + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "CipherPart[" + encode() + "]";
    }
}
