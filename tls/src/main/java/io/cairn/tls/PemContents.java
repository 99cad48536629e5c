package io.cairn.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes of a {@link PemFiles} set, read once, with a digest over all of them. A renewal is seen as a
 * change of the digest: modification times can stay equal across a quick rewrite (or go back, when a
 * deployment tool copies files with their old times), contents cannot.
 */
record PemContents(byte[] certificateChain, byte[] privateKey, byte[] trustedCa, byte[] digest) {

    static PemContents read(PemFiles files) {
        byte[] cert = read(files.certificateChain(), "certificate");
        byte[] key = read(files.privateKey(), "private key");
        byte[] ca = files.trustedCa() == null ? new byte[0] : read(files.trustedCa(), "trusted CA");
        return new PemContents(cert, key, ca, digest(cert, key, ca));
    }

    boolean sameAs(byte[] otherDigest) {
        return otherDigest != null && MessageDigest.isEqual(digest, otherDigest);
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsFilesException("cannot read the " + what + " file " + file + ": " + e, e);
        }
    }

    private static byte[] digest(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).flip());
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PemContents other && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "PemContents[" + certificateChain.length + " + " + privateKey.length + " + " + trustedCa.length
                + " bytes]";
    }
}
