package io.cairn.gateway.post;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A form upload's file held in a temporary file until its size is known: server-side encryption writes its
 * packages for a size given up front, and a form does not say how large its file is. The temporary file is
 * itself sealed (AES-CTR under a key that lives only in this object), so plaintext of an object meant to be
 * encrypted never reaches a disk; it is deleted on {@link #close()}. Memory stays one buffer.
 */
final class SealedSpool implements Closeable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private long size;

    private SealedSpool(Path file) {
        this.file = file;
        byte[] k = new byte[32];
        byte[] v = new byte[16];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(v);
        this.key = new SecretKeySpec(k, "AES");
        this.iv = new IvParameterSpec(v);
    }

    /** Reads {@code content} to its end into a new spool. */
    static SealedSpool of(InputStream content) throws IOException {
        SealedSpool spool = new SealedSpool(Files.createTempFile("cairn-form-", ".sealed"));
        try (OutputStream out = new CipherOutputStream(Files.newOutputStream(spool.file), spool.cipher(Cipher.ENCRYPT_MODE))) {
            spool.size = content.transferTo(out);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    long size() {
        return size;
    }

    /** The spooled bytes, as they were read. */
    InputStream open() throws IOException {
        return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE));
    }

    private Cipher cipher(int mode) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, key, iv);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available", e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
