package io.cairn.gateway.crypto;

/**
 * The sizes of the encrypted form. A part's plaintext is cut into packages of {@link #PACKAGE_SIZE} bytes
 * (the last may be shorter, and an empty part is one empty package); each package is stored as its
 * AES-256-GCM ciphertext (same length) followed by the 16-byte tag. Package i of a part starts at
 * i * {@link #SEALED_PACKAGE_SIZE} in the part's ciphertext, so any plaintext offset maps to a ciphertext
 * offset by arithmetic alone.
 */
public final class PackageFormat {

    public static final int PACKAGE_SIZE = 64 * 1024;
    public static final int TAG_SIZE = 16;
    public static final int NONCE_SIZE = 12;
    public static final int SEALED_PACKAGE_SIZE = PACKAGE_SIZE + TAG_SIZE;

    private PackageFormat() {
    }

    /** Packages of a part of {@code plainSize} bytes: at least one, so even an empty part is authenticated. */
    public static long packages(long plainSize) {
        return plainSize == 0 ? 1 : (plainSize + PACKAGE_SIZE - 1) / PACKAGE_SIZE;
    }

    /** The stored (ciphertext) size of a part of {@code plainSize} bytes. */
    public static long cipherSize(long plainSize) {
        return plainSize + packages(plainSize) * TAG_SIZE;
    }

    /** Plaintext bytes in package {@code index} of a part of {@code plainSize} bytes. */
    static int plainLength(long plainSize, long index) {
        return (int) Math.min(PACKAGE_SIZE, plainSize - index * PACKAGE_SIZE);
    }
}
