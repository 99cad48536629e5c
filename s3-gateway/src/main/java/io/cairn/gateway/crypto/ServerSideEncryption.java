package io.cairn.gateway.crypto;

import io.cairn.object.ByteRange;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.PartInfo;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts new objects and parts and unlocks stored ones. Each object (or multipart upload) gets a random
 * 256-bit data key, kept only sealed: for SSE-S3 under HKDF(master key, bucket, key), for SSE-C under
 * HKDF(customer key, bucket, key). SSE-C objects also keep a keyed fingerprint of the customer key so a
 * wrong key is refused before any data is read. Thread-safe.
 */
public final class ServerSideEncryption {

    private static final String KEK_S3 = "cairn/sse-s3/kek";
    private static final String KEK_CUSTOMER = "cairn/sse-c/kek";
    private static final String FINGERPRINT = "cairn/sse-c/fingerprint";

    private static final String KEK_KMS = "cairn/sse-kms/kek";

    private final MasterKey master;
    private final KeyRing keyRing;
    private final byte[] fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    public ServerSideEncryption(MasterKey master) {
        this(master, KeyRing.none());
    }

    public ServerSideEncryption(MasterKey master, KeyRing keyRing) {
        this.master = master;
        this.keyRing = keyRing;
        this.fingerprintKey = master.derive(FINGERPRINT);
    }

    /** Throws {@link SseException} (KMS_KEY_NOT_FOUND) unless the key ring holds {@code keyId}. */
    public void requireKmsKey(String keyId) {
        kmsKey(keyId);
    }

    /**
     * Reseals an SSE-KMS object's data key under its key's current version (after a rotation); returns the
     * new metadata, or null when there is nothing to do (another key, or already current). The data is not
     * touched: only the sealed key in the metadata changes.
     */
    public Map<String, String> rewrap(String bucket, String key, Map<String, String> metadata) {
        if (SseMetadata.mode(metadata) != SseMode.KMS) {
            return null;
        }
        KeyRing.Key ring = kmsKey(metadata.get(SseMetadata.KMS_KEY));
        if (Integer.parseInt(metadata.getOrDefault(SseMetadata.KMS_VERSION, "0")) == ring.current().number()) {
            return null;
        }
        byte[] dataKey = dataKey(bucket, key, metadata, null);
        Map<String, String> out = new LinkedHashMap<>(metadata);
        out.putAll(kmsSealed(bucket, key, ring, dataKey));
        return out;
    }

    /** A new object encrypted as {@code request} asks, from a plaintext body of {@code plainSize} bytes. */
    public EncryptedBody encryptObject(String bucket, String key, SseRequest request, InputStream plain,
                                       long plainSize) {
        byte[] dataKey = newKey();
        Map<String, String> metadata = new LinkedHashMap<>(keyMetadata(bucket, key, request, dataKey));
        CipherPart part = new CipherPart(plainSize, newNonce());
        metadata.put(SseMetadata.PARTS, part.encode());
        return new EncryptedBody(new EncryptingInputStream(plain, dataKey, part.nonce(), plainSize),
                part.cipherSize(), metadata, request.mode() != SseMode.CUSTOMER);
    }

    /** The metadata a new encrypted multipart upload keeps: its sealed data key (and key fingerprint). */
    public Map<String, String> beginUpload(String bucket, String key, SseRequest request) {
        return keyMetadata(bucket, key, request, newKey());
    }

    /**
     * One part of an upload, encrypted with the upload's data key under a fresh nonce base; null when the
     * upload is not encrypted. {@link SseException} when {@code request} does not unlock the upload.
     */
    public EncryptedBody encryptPart(String bucket, String key, Map<String, String> uploadMetadata,
                                     SseRequest request, InputStream plain, long plainSize) {
        byte[] dataKey = dataKey(bucket, key, uploadMetadata, request);
        if (dataKey == null) {
            return null;
        }
        CipherPart part = new CipherPart(plainSize, newNonce());
        return new EncryptedBody(new EncryptingInputStream(plain, dataKey, part.nonce(), plainSize),
                part.cipherSize(), Map.of(SseMetadata.PART, part.encode()), false);
    }

    /** The completed object's metadata: the upload's, plus its parts' plaintext sizes and nonces in order. */
    public static Map<String, String> completed(Map<String, String> uploadMetadata, List<PartInfo> parts) {
        if (SseMetadata.mode(uploadMetadata) == null) {
            return uploadMetadata;
        }
        List<String> encoded = new ArrayList<>();
        for (PartInfo p : parts) {
            String part = p.metadata().get(SseMetadata.PART);
            if (part == null) {
                throw new SseException(SseException.Reason.TAMPERED, "part " + p.partNumber() + " is not encrypted");
            }
            encoded.add(part);
        }
        Map<String, String> out = new LinkedHashMap<>(uploadMetadata);
        out.put(SseMetadata.PARTS, String.join(",", encoded));
        return out;
    }

    /**
     * Checks that {@code request} may read {@code stored} and returns its decryptor, or null for an
     * unencrypted object read without a customer key. {@link SseException} otherwise.
     */
    public Decryptor unlock(ObjectInfo stored, SseRequest request) {
        byte[] dataKey = dataKey(stored.bucket(), stored.key(), stored.metadata(), request);
        return dataKey == null ? null : new Decryptor(stored, dataKey);
    }

    /** Opens plaintext ranges of one encrypted object version. */
    public static final class Decryptor {
        private final ObjectInfo stored;
        private final ObjectInfo view;
        private final byte[] dataKey;
        private final CipherLayout layout;

        private Decryptor(ObjectInfo stored, byte[] dataKey) {
            this.stored = stored;
            this.view = SseMetadata.plainView(stored);
            this.dataKey = dataKey;
            this.layout = new CipherLayout(SseMetadata.parts(stored.metadata()));
        }

        public ObjectInfo view() {
            return view;
        }

        /**
         * The plaintext {@code offset}..{@code offset+length} (non-empty, inside the object): asks
         * {@code read} for the ciphertext range of the packages it touches and decrypts only those.
         */
        public ObjectContent open(long offset, long length, Function<ByteRange, ObjectContent> read) {
            if (layout.cipherSize() != stored.size()) {
                throw new SseException(SseException.Reason.TAMPERED, "stored size does not match the encryption"
                        + " metadata");
            }
            CipherLayout.Span span = layout.span(offset, length);
            ObjectContent cipherText = read.apply(ByteRange.of(span.cipherOffset(),
                    span.cipherOffset() + span.cipherLength() - 1));
            return new DecryptingContent(view, cipherText, dataKey, layout.parts(), span, offset, length);
        }
    }

    private Map<String, String> keyMetadata(String bucket, String key, SseRequest request, byte[] dataKey) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SseMetadata.MODE, request.mode().name());
        if (request.mode() == SseMode.KMS) {
            m.putAll(kmsSealed(bucket, key, kmsKey(request.kmsKeyId()), dataKey));
            return m;
        }
        m.put(SseMetadata.SEALED_KEY, SealedKey.seal(kek(bucket, key, request), dataKey, context(bucket, key)));
        if (request.mode() == SseMode.CUSTOMER) {
            m.put(SseMetadata.FINGERPRINT, fingerprint(request.customerKey()));
        }
        return m;
    }

    private byte[] dataKey(String bucket, String key, Map<String, String> metadata, SseRequest request) {
        SseMode mode = SseMetadata.mode(metadata);
        boolean customer = request != null && request.mode() == SseMode.CUSTOMER;
        if (mode != SseMode.CUSTOMER) {
            if (customer) {
                throw new SseException(SseException.Reason.NOT_APPLICABLE,
                        "a customer key was given for data not encrypted with one");
            }
            if (mode == null) {
                return null;
            }
            if (mode == SseMode.KMS) {
                KeyRing.Key ring = kmsKey(metadata.get(SseMetadata.KMS_KEY));
                String number = metadata.getOrDefault(SseMetadata.KMS_VERSION, "");
                KeyRing.Version version = ring.versions().stream()
                        .filter(v -> Integer.toString(v.number()).equals(number)).findFirst()
                        .orElseThrow(() -> new SseException(SseException.Reason.KMS_KEY_NOT_FOUND, "key "
                                + ring.id() + " has no version " + number));
                return SealedKey.open(kmsKek(version, bucket, key), sealedKey(metadata), context(bucket, key),
                        SseException.Reason.TAMPERED);
            }
            return SealedKey.open(kek(bucket, key, SseRequest.S3), sealedKey(metadata), context(bucket, key),
                    SseException.Reason.TAMPERED);
        }
        if (!customer) {
            throw new SseException(SseException.Reason.KEY_REQUIRED, "the data is encrypted with a customer key");
        }
        byte[] expected = Base64.getDecoder().decode(metadata.getOrDefault(SseMetadata.FINGERPRINT, ""));
        byte[] given = Base64.getDecoder().decode(fingerprint(request.customerKey()));
        if (!MessageDigest.isEqual(expected, given)) {
            throw new SseException(SseException.Reason.KEY_MISMATCH, "the customer key does not match");
        }
        return SealedKey.open(kek(bucket, key, request), sealedKey(metadata), context(bucket, key),
                SseException.Reason.KEY_MISMATCH);
    }

    private static String sealedKey(Map<String, String> metadata) {
        String sealed = metadata.get(SseMetadata.SEALED_KEY);
        if (sealed == null) {
            throw new SseException(SseException.Reason.TAMPERED, "encrypted data without its sealed key");
        }
        return sealed;
    }

    private byte[] kek(String bucket, String key, SseRequest request) {
        if (request.mode() == SseMode.S3) {
            return master.derive(KEK_S3, bucket, key);
        }
        return Hkdf.derive(request.customerKey(), Hkdf.info(KEK_CUSTOMER, bucket, key), 32);
    }

    private Map<String, String> kmsSealed(String bucket, String key, KeyRing.Key ring, byte[] dataKey) {
        KeyRing.Version current = ring.current();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SseMetadata.KMS_KEY, ring.id());
        m.put(SseMetadata.KMS_VERSION, Integer.toString(current.number()));
        m.put(SseMetadata.SEALED_KEY, SealedKey.seal(kmsKek(current, bucket, key), dataKey, context(bucket, key)));
        return m;
    }

    private KeyRing.Key kmsKey(String keyId) {
        if (!keyRing.enabled()) {
            throw new SseException(SseException.Reason.KMS_KEY_NOT_FOUND, "no key ring is configured");
        }
        Optional<KeyRing.Key> found = keyRing.find(keyId);
        if (found.isEmpty() && KeyRing.DEFAULT_KEY.equals(keyId)) {
            try {
                return keyRing.create(keyId);
            } catch (IllegalArgumentException madeMeanwhile) {
                found = keyRing.find(keyId);
            }
        }
        return found.orElseThrow(() -> new SseException(SseException.Reason.KMS_KEY_NOT_FOUND,
                "Invalid keyId " + keyId));
    }

    private static byte[] kmsKek(KeyRing.Version version, String bucket, String key) {
        return Hkdf.derive(version.material(), Hkdf.info(KEK_KMS, bucket, key), 32);
    }

    private static byte[] context(String bucket, String key) {
        return Hkdf.info("cairn/sse/object", bucket, key);
    }

    private String fingerprint(byte[] customerKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(customerKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private byte[] newKey() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    private byte[] newNonce() {
        byte[] n = new byte[PackageFormat.NONCE_SIZE];
        random.nextBytes(n);
        return n;
    }
}
