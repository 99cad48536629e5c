package io.cairn.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A data key sealed under a key-encryption key with AES-256-GCM: base64 of nonce (12) || encrypted key
 * (32) || tag (16). The additional data names the object, so a sealed key copied onto another object's
 * metadata does not open there.
 */
final class SealedKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedKey() {
    }

    static String seal(byte[] kek, byte[] dataKey, byte[] context) {
        byte[] nonce = new byte[PackageFormat.NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(context);
            byte[] sealed = c.doFinal(dataKey);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** The data key; {@code onFailure} when the KEK is not the one it was sealed with (or it was altered). */
    static byte[] open(byte[] kek, String sealed, byte[] context, SseException.Reason onFailure) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SseException(SseException.Reason.TAMPERED, "unreadable sealed data key");
        }
        if (raw.length != PackageFormat.NONCE_SIZE + 32 + PackageFormat.TAG_SIZE) {
            throw new SseException(SseException.Reason.TAMPERED, "sealed data key has the wrong length");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(128, raw, 0, PackageFormat.NONCE_SIZE));
            c.updateAAD(context);
            return c.doFinal(raw, PackageFormat.NONCE_SIZE, raw.length - PackageFormat.NONCE_SIZE);
        } catch (AEADBadTagException e) {
            throw new SseException(onFailure, "the data key does not open with this key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }
}
