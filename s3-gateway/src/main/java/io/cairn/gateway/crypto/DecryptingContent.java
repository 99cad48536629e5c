package io.cairn.gateway.crypto;

import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The plaintext of a range, decrypted package by package from the ciphertext span that holds it: opens
 * each package (checking its tag, index and final flag), drops the bytes before the range and after it,
 * and hands out at most one package per {@link #next()}.
 */
final class DecryptingContent implements ObjectContent {

    private final ObjectInfo info;
    private final ObjectContent cipherText;
    private final byte[] dataKey;
    private final List<CipherPart> parts;
    private final long offset;
    private final long length;
    private int part;
    private long index;
    private int skip;
    private PackageCipher cipher;
    private long emitted;
    private ByteBuffer pending;

    DecryptingContent(ObjectInfo plainInfo, ObjectContent cipherText, byte[] dataKey, List<CipherPart> parts,
                      CipherLayout.Span span, long offset, long length) {
        this.info = plainInfo;
        this.cipherText = cipherText;
        this.dataKey = dataKey.clone();
        this.parts = parts;
        this.offset = offset;
        this.length = length;
        this.part = span.firstPart();
        this.index = span.firstPackage();
        this.skip = span.skip();
        this.cipher = new PackageCipher(this.dataKey, parts.get(part).nonce());
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer next() {
        while (emitted < length) {
            CipherPart p = parts.get(part);
            long count = PackageFormat.packages(p.plainSize());
            if (index == count) {
                part++;
                index = 0;
                cipher = new PackageCipher(dataKey, parts.get(part).nonce());
                continue;
            }
            int plainLength = PackageFormat.plainLength(p.plainSize(), index);
            byte[] sealed = readExactly(plainLength + PackageFormat.TAG_SIZE);
            byte[] plain = cipher.open(index, index == count - 1, sealed, 0, sealed.length);
            index++;
            int from = skip;
            skip = 0;
            int n = (int) Math.min(plain.length - from, length - emitted);
            if (n <= 0) {
                continue;
            }
            emitted += n;
            return ByteBuffer.wrap(plain, from, n).slice();
        }
        return null;
    }

    private byte[] readExactly(int n) {
        byte[] out = new byte[n];
        int filled = 0;
        while (filled < n) {
            if (pending == null || !pending.hasRemaining()) {
                pending = cipherText.next();
                if (pending == null) {
                    throw new SseException(SseException.Reason.TAMPERED, "ciphertext ended inside a package");
                }
                continue;
            }
            int k = Math.min(n - filled, pending.remaining());
            pending.get(out, filled, k);
            filled += k;
        }
        return out;
    }

    @Override
    public void close() {
        cipherText.close();
    }
}
