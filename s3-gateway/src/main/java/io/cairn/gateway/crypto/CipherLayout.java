package io.cairn.gateway.crypto;

import java.util.List;

/**
 * Where plaintext bytes live in an encrypted object made of one or more {@link CipherPart}s laid end to
 * end: maps a plaintext range to the smallest ciphertext range that holds every package it touches.
 */
final class CipherLayout {

    /** The ciphertext to fetch for a plaintext range: it begins with package {@code firstPackage} of part
     * {@code firstPart}; {@code skip} plaintext bytes of that package precede the range. */
    record Span(long cipherOffset, long cipherLength, int firstPart, long firstPackage, int skip) {
    }

    private final List<CipherPart> parts;

    CipherLayout(List<CipherPart> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an encrypted object has at least one part");
        }
        this.parts = List.copyOf(parts);
    }

    List<CipherPart> parts() {
        return parts;
    }

    long plainSize() {
        return parts.stream().mapToLong(CipherPart::plainSize).sum();
    }

    long cipherSize() {
        return parts.stream().mapToLong(CipherPart::cipherSize).sum();
    }

    /** {@code offset}, {@code length}: a non-empty range inside the plaintext. */
    Span span(long offset, long length) {
        long end = offset + length - 1;
        long plainStart = 0;
        long cipherStart = 0;
        long firstCipher = -1;
        int firstPart = -1;
        long firstPackage = -1;
        int skip = 0;
        for (int i = 0; i < parts.size(); i++) {
            CipherPart p = parts.get(i);
            long plainEnd = plainStart + p.plainSize();
            if (firstPart < 0 && offset < plainEnd) {
                long in = offset - plainStart;
                firstPart = i;
                firstPackage = in / PackageFormat.PACKAGE_SIZE;
                skip = (int) (in % PackageFormat.PACKAGE_SIZE);
                firstCipher = cipherStart + firstPackage * PackageFormat.SEALED_PACKAGE_SIZE;
            }
            if (end < plainEnd) {
                long lastPackage = (end - plainStart) / PackageFormat.PACKAGE_SIZE;
                long cipherEnd = cipherStart + Math.min((lastPackage + 1) * PackageFormat.SEALED_PACKAGE_SIZE,
                        p.cipherSize());
                return new Span(firstCipher, cipherEnd - firstCipher, firstPart, firstPackage, skip);
            }
            plainStart = plainEnd;
            cipherStart += p.cipherSize();
        }
        throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + plainStart + " bytes");
    }
}
