package io.cairn.gateway.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens one package. The nonce is the part's random 12-byte base with the package index
 * XORed into its last 8 bytes (unique per package, never reused under one data key), and the additional
 * data is the index (8 bytes big-endian) and a final-package flag (1 byte), so a package cannot be moved,
 * swapped with another, or become the last one by truncation without failing authentication.
 */
final class PackageCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final byte[] baseNonce;
    private final Cipher cipher;

    PackageCipher(byte[] dataKey, byte[] baseNonce) {
        if (baseNonce.length != PackageFormat.NONCE_SIZE) {
            throw new IllegalArgumentException("a nonce base has 12 bytes");
        }
        this.key = new SecretKeySpec(dataKey, "AES");
        this.baseNonce = baseNonce.clone();
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    byte[] seal(long index, boolean last, byte[] plain, int offset, int length) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(PackageFormat.TAG_SIZE * 8, nonce(index)));
            cipher.updateAAD(aad(index, last));
            return cipher.doFinal(plain, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** The plaintext of a sealed package; {@link SseException} TAMPERED when it does not authenticate. */
    byte[] open(long index, boolean last, byte[] sealed, int offset, int length) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(PackageFormat.TAG_SIZE * 8, nonce(index)));
            cipher.updateAAD(aad(index, last));
            return cipher.doFinal(sealed, offset, length);
        } catch (AEADBadTagException e) {
            throw new SseException(SseException.Reason.TAMPERED, "package " + index + " failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    byte[] nonce(long index) {
        byte[] n = baseNonce.clone();
        for (int i = 0; i < 8; i++) {
            n[4 + i] ^= (byte) (index >>> (56 - 8 * i));
        }
        return n;
    }

    static byte[] aad(long index, boolean last) {
        byte[] a = new byte[9];
        for (int i = 0; i < 8; i++) {
            a[i] = (byte) (index >>> (56 - 8 * i));
        }
        a[8] = (byte) (last ? 1 : 0);
        return a;
    }
}
