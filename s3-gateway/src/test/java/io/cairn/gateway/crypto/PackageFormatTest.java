package io.cairn.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.object.ByteRange;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageFormatTest {

    private static final int P = PackageFormat.PACKAGE_SIZE;
    private static final byte[] CUSTOMER_KEY = key(7);

    private final ServerSideEncryption sse = new ServerSideEncryption(MasterKey.ephemeral());

    /** What the object layer would hold: the ciphertext and the stored version's info. */
    private record Stored(byte[] cipher, ObjectInfo info) {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, P - 1, P, P + 1, 3 * P, 3 * P + 17})
    void sizesRoundTripAndCipherSizeIsPredicted(int size) {
        byte[] plain = data(size, 1);
        Stored s = put(plain, SseRequest.S3);
        assertThat((long) s.cipher.length).isEqualTo(PackageFormat.cipherSize(size))
                .isEqualTo(size + 16L * Math.max(1, (size + P - 1) / P));
        ObjectInfo view = SseMetadata.plainView(s.info);
        assertThat(view.size()).isEqualTo(size);
        assertThat(view.etag()).isEqualTo(md5(plain));
        if (size > 0) {
            assertThat(read(s, SseRequest.S3, 0, size, UnaryOperator.identity())).isEqualTo(plain);
        }
    }

    @Test
    void everyRangeAroundPackageBoundariesDecryptsExactly() {
        int size = 3 * P + 100;
        byte[] plain = data(size, 2);
        Stored s = put(plain, SseRequest.customer(CUSTOMER_KEY));
        SseRequest key = SseRequest.customer(CUSTOMER_KEY);
        long[] points = {0, 1, P - 2, P - 1, P, P + 1, 2L * P - 1, 2L * P, 2L * P + 1, 3L * P - 1, 3L * P,
                3L * P + 1, size - 2, size - 1};
        for (long first : points) {
            for (long last : points) {
                if (last < first) {
                    continue;
                }
                int len = (int) (last - first + 1);
                byte[] want = Arrays.copyOfRange(plain, (int) first, (int) last + 1);
                assertThat(read(s, key, first, len, UnaryOperator.identity()))
                        .as("range %d-%d", first, last).isEqualTo(want);
            }
        }
    }

    @Test
    void aRangeFetchesOnlyThePackagesItTouches() {
        Stored s = put(data(4 * P, 3), SseRequest.S3);
        List<ByteRange> asked = new ArrayList<>();
        ServerSideEncryption.Decryptor d = sse.unlock(s.info, null);
        try (ObjectContent c = d.open(P + 10, P, r -> {
            asked.add(r);
            return content(s.cipher, r);
        })) {
            drain(c);
        }
        long sealed = PackageFormat.SEALED_PACKAGE_SIZE;
        assertThat(asked).containsExactly(ByteRange.of(sealed, 3 * sealed - 1));
    }

    @Test
    void oneFlippedByteAnywhereFailsAuthentication() {
        byte[] plain = data(2 * P + 5, 4);
        Stored s = put(plain, SseRequest.S3);
        for (int at : new int[] {0, P - 1, P + 3, P + 16 + 7, s.cipher.length - 1}) {
            assertThatThrownBy(() -> read(s, null, 0, plain.length, c -> {
                byte[] t = c.clone();
                t[at] ^= 1;
                return t;
            })).as("byte %d", at).isInstanceOf(SseException.class)
                    .extracting(e -> ((SseException) e).reason()).isEqualTo(SseException.Reason.TAMPERED);
        }
    }

    @Test
    void swappedPackagesFailAuthentication() {
        byte[] plain = data(3 * P, 5);
        Stored s = put(plain, SseRequest.S3);
        int sp = PackageFormat.SEALED_PACKAGE_SIZE;
        assertThatThrownBy(() -> read(s, null, 0, plain.length, c -> {
            byte[] t = c.clone();
            System.arraycopy(c, 0, t, sp, sp);
            System.arraycopy(c, sp, t, 0, sp);
            return t;
        })).isInstanceOf(SseException.class);
    }

    @Test
    void truncationAtAPackageBoundaryFailsAuthentication() {
        byte[] plain = data(3 * P, 6);
        Stored s = put(plain, SseRequest.S3);
        // A store that lost the last package and whose metadata was made to agree.
        Map<String, String> meta = new HashMap<>(s.info.metadata());
        CipherPart part = SseMetadata.parts(meta).get(0);
        meta.put(SseMetadata.PARTS, new CipherPart(2L * P, part.nonce()).encode());
        byte[] cut = Arrays.copyOf(s.cipher, 2 * PackageFormat.SEALED_PACKAGE_SIZE);
        Stored truncated = new Stored(cut, info(cut.length, meta));
        assertThatThrownBy(() -> read(truncated, null, P, P, UnaryOperator.identity()))
                .isInstanceOf(SseException.class);
        // The packages before the last still open: only the final flag betrays the cut.
        assertThat(read(truncated, null, 0, P, UnaryOperator.identity()))
                .isEqualTo(Arrays.copyOf(plain, P));
    }

    @Test
    void partsAreEncryptedSeparatelyAndReadAcrossBoundaries() {
        Map<String, String> upload = sse.beginUpload("b", "k", SseRequest.S3);
        byte[][] plains = {data(P + 3, 7), data(0, 8), data(2 * P, 9)};
        ByteArrayOutputStream cipher = new ByteArrayOutputStream();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<PartInfo> parts = new ArrayList<>();
        for (int i = 0; i < plains.length; i++) {
            EncryptedBody body = sse.encryptPart("b", "k", upload, null, new ByteArrayInputStream(plains[i]),
                    plains[i].length);
            byte[] c = readAll(body);
            assertThat((long) c.length).isEqualTo(body.storedSize());
            cipher.writeBytes(c);
            whole.writeBytes(plains[i]);
            PartInfo stored = new PartInfo(i + 1, "e", c.length, Instant.EPOCH, body.metadata());
            assertThat(SseMetadata.plainView(stored).size()).isEqualTo(plains[i].length);
            parts.add(stored);
        }
        Map<String, String> meta = ServerSideEncryption.completed(upload, parts);
        byte[] c = cipher.toByteArray();
        ObjectInfo stored = new ObjectInfo("b", "k", "null", c.length, "x-3", Instant.EPOCH, meta, false,
                parts.stream().map(PartInfo::size).toList());
        Stored s = new Stored(c, stored);
        assertThat(SseMetadata.plainView(stored).partSizes()).containsExactly((long) P + 3, 0L, 2L * P);
        byte[] all = whole.toByteArray();
        for (long first : new long[] {0, P, P + 2, P + 3, P + 4, 2L * P + 2}) {
            int len = (int) (all.length - first);
            assertThat(read(s, null, first, len, UnaryOperator.identity()))
                    .isEqualTo(Arrays.copyOfRange(all, (int) first, all.length));
            assertThat(read(s, null, first, 1, UnaryOperator.identity()))
                    .isEqualTo(Arrays.copyOfRange(all, (int) first, (int) first + 1));
        }
    }

    @Test
    void customerKeysAreCheckedBeforeAnyData() {
        Stored c = put(data(100, 10), SseRequest.customer(CUSTOMER_KEY));
        assertThat(c.info.metadata().values()).noneMatch(v -> v.contains(HexFormat.of().formatHex(CUSTOMER_KEY)));
        assertThat(reason(() -> sse.unlock(c.info, null))).isEqualTo(SseException.Reason.KEY_REQUIRED);
        assertThat(reason(() -> sse.unlock(c.info, SseRequest.S3))).isEqualTo(SseException.Reason.KEY_REQUIRED);
        assertThat(reason(() -> sse.unlock(c.info, SseRequest.customer(key(8)))))
                .isEqualTo(SseException.Reason.KEY_MISMATCH);
        Stored s3 = put(data(100, 11), SseRequest.S3);
        assertThat(reason(() -> sse.unlock(s3.info, SseRequest.customer(CUSTOMER_KEY))))
                .isEqualTo(SseException.Reason.NOT_APPLICABLE);
        assertThat(SseMetadata.plainView(c.info).etag()).isEqualTo(md5(c.cipher));
    }

    @Test
    void aSealedKeyDoesNotOpenUnderAnotherNameOrMasterKey() {
        Stored s = put(data(10, 12), SseRequest.S3);
        ObjectInfo moved = new ObjectInfo("b", "other", "null", s.info.size(), s.info.etag(), Instant.EPOCH,
                s.info.metadata(), false, List.of());
        assertThat(reason(() -> sse.unlock(moved, null))).isEqualTo(SseException.Reason.TAMPERED);
        ServerSideEncryption otherMaster = new ServerSideEncryption(MasterKey.ephemeral());
        assertThat(reason(() -> otherMaster.unlock(s.info, null))).isEqualTo(SseException.Reason.TAMPERED);
    }

    @Test
    void ciphertextHoldsNoWindowOfThePlaintext() {
        byte[] plain = new byte[5 * P];
        byte[] phrase = "cairn plaintext marker 0123456789 ".getBytes();
        for (int i = 0; i < plain.length; i++) {
            plain[i] = phrase[i % phrase.length];
        }
        byte[] cipher = put(plain, SseRequest.S3).cipher;
        String c = new String(cipher, StandardCharsets.ISO_8859_1);
        assertThat(c).doesNotContain(new String(phrase, 0, 16, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBodyLongerThanDeclaredIsRefusedAndAShortOneEndsEarly() {
        EncryptedBody longer = sse.encryptObject("b", "k", SseRequest.S3, new ByteArrayInputStream(new byte[11]), 10);
        assertThatThrownBy(() -> longer.readAllBytes()).isInstanceOf(IOException.class);
        EncryptedBody shorter = sse.encryptObject("b", "k", SseRequest.S3,
                new ByteArrayInputStream(new byte[P]), P + 1);
        assertThat(readAll(shorter).length).isLessThan((int) shorter.storedSize());
    }

    @Test
    void masterKeyFileIsCreatedOwnerOnlyAndReadBack(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("sub").resolve(MasterKey.FILE_NAME);
        MasterKey first = MasterKey.loadOrCreate(file);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        MasterKey again = MasterKey.configured(Map.of(), file.getParent());
        assertThat(again.derive("p", "c")).isEqualTo(first.derive("p", "c"));
        assertThat(first.toString()).doesNotContain(Files.readString(file).trim());
        String env = Base64.getEncoder().encodeToString(key(3));
        assertThat(MasterKey.configured(Map.of(MasterKey.ENV, env), dir).derive("p"))
                .isNotEqualTo(first.derive("p"));
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("c2hvcnQ");
    }

    // ---- helpers ----

    private Stored put(byte[] plain, SseRequest request) {
        EncryptedBody body = sse.encryptObject("b", "k", request, new ByteArrayInputStream(plain), plain.length);
        byte[] cipher = readAll(body);
        Map<String, String> meta = new HashMap<>(body.metadata());
        meta.putAll(body.bodyMetadata());
        return new Stored(cipher, info(cipher.length, meta, md5(cipher)));
    }

    private static ObjectInfo info(long size, Map<String, String> meta) {
        return info(size, meta, "stored-etag");
    }

    private static ObjectInfo info(long size, Map<String, String> meta, String etag) {
        return new ObjectInfo("b", "k", "null", size, etag, Instant.EPOCH, meta, false, List.of());
    }

    private byte[] read(Stored s, SseRequest key, long offset, int length, UnaryOperator<byte[]> damage) {
        byte[] cipher = damage.apply(s.cipher);
        ServerSideEncryption.Decryptor d = sse.unlock(s.info, key);
        try (ObjectContent c = d.open(offset, length, r -> content(cipher, r))) {
            return drain(c);
        }
    }

    private static byte[] drain(ObjectContent c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b;
        while ((b = c.next()) != null) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /** The object layer's side: the requested ciphertext range in uneven chunks. */
    private static ObjectContent content(byte[] cipher, ByteRange range) {
        long[] r = range.resolve(cipher.length);
        return new ObjectContent() {
            long pos = r[0];
            final long end = r[0] + r[1];

            @Override
            public ObjectInfo info() {
                return null;
            }

            @Override
            public long offset() {
                return r[0];
            }

            @Override
            public long length() {
                return r[1];
            }

            @Override
            public ByteBuffer next() {
                if (pos >= end) {
                    return null;
                }
                int n = (int) Math.min(end - pos, 40_000);
                ByteBuffer b = ByteBuffer.wrap(Arrays.copyOfRange(cipher, (int) pos, (int) pos + n));
                pos += n;
                return b;
            }

            @Override
            public void close() {
            }
        };
    }

    private static SseException.Reason reason(Runnable r) {
        try {
            r.run();
        } catch (SseException e) {
            return e.reason();
        }
        throw new AssertionError("no SseException");
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] data(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] key(int seed) {
        return data(32, seed);
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
