package io.cairn.gateway.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a plaintext body of a known size and yields its sealed packages, one package in memory at a
 * time, computing the plaintext MD5 on the way. A body that ends early just ends the ciphertext early (the
 * object layer then refuses the short write); after the last package the plaintext is read to its end so
 * a verifying body stream can check its checksums, and extra bytes are an error.
 */
final class EncryptingInputStream extends InputStream {

    private final InputStream plain;
    private final PackageCipher cipher;
    private final long plainSize;
    private final long packages;
    private final MessageDigest md5;
    private long index;
    private byte[] sealed = new byte[0];
    private int position;
    private boolean ended;

    EncryptingInputStream(InputStream plain, byte[] dataKey, byte[] nonce, long plainSize) {
        this.plain = plain;
        this.cipher = new PackageCipher(dataKey, nonce);
        this.plainSize = plainSize;
        this.packages = PackageFormat.packages(plainSize);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == sealed.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, sealed.length - position);
        System.arraycopy(sealed, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (index == packages) {
            ended = true;
            if (plain.read() != -1) {
                throw new IOException("body longer than its declared " + plainSize + " bytes");
            }
            return false;
        }
        int want = PackageFormat.plainLength(plainSize, index);
        byte[] chunk = plain.readNBytes(want);
        if (chunk.length < want) {
            ended = true;
            return false;
        }
        md5.update(chunk);
        sealed = cipher.seal(index, index == packages - 1, chunk, 0, chunk.length);
        position = 0;
        index++;
        return true;
    }

    /** Hex MD5 of the plaintext; meaningful once the stream has been read to its end. */
    String plainMd5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    @Override
    public void close() throws IOException {
        plain.close();
    }
}
