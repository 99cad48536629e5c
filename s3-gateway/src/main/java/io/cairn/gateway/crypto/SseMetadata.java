package io.cairn.gateway.crypto;

import io.cairn.object.ObjectInfo;
import io.cairn.object.PartInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cairn-sse-*} metadata keys of encrypted objects, uploads and parts, and the plaintext view
 * of an encrypted object (sizes, ETag, part sizes) that the gateway reports everywhere. Every key starts
 * with {@code cairn-}, which the gateway never returns as a header.
 */
public final class SseMetadata {

    public static final String PREFIX = "cairn-sse-";
    /** "S3" or "CUSTOMER". */
    static final String MODE = "cairn-sse-mode";
    /** The sealed data key (see {@link SealedKey}). */
    static final String SEALED_KEY = "cairn-sse-key";
    /** SSE-C: base64 HMAC-SHA256 of the customer key under a key derived from the master key. */
    static final String FINGERPRINT = "cairn-sse-key-fingerprint";
    /** Comma-separated {@link CipherPart}s, in object order. */
    static final String PARTS = "cairn-sse-parts";
    /** SSE-S3 single-part objects: hex MD5 of the plaintext, reported as ETag. */
    static final String ETAG = "cairn-sse-etag";
    /** On an uploaded part: its {@link CipherPart}. */
    static final String PART = "cairn-sse-part";
    /** SSE-KMS: the key ring's key the data key is sealed under. */
    static final String KMS_KEY = "cairn-sse-kms-key";
    /** SSE-KMS: the version of that key. */
    static final String KMS_VERSION = "cairn-sse-kms-version";

    private SseMetadata() {
    }

    /** How the object (or upload) is encrypted, or null when it is not. */
    public static SseMode mode(Map<String, String> metadata) {
        String m = metadata.get(MODE);
        return m == null ? null : SseMode.valueOf(m);
    }

    /** The key ring key of an SSE-KMS object, or null. */
    public static String kmsKey(Map<String, String> metadata) {
        return metadata.get(KMS_KEY);
    }

    /** The object as clients see it: plaintext size, part sizes and ETag. Unencrypted objects unchanged. */
    public static ObjectInfo plainView(ObjectInfo stored) {
        if (mode(stored.metadata()) == null) {
            return stored;
        }
        List<CipherPart> parts = parts(stored.metadata());
        long size = parts.stream().mapToLong(CipherPart::plainSize).sum();
        List<Long> partSizes = stored.partSizes().isEmpty() ? List.of()
                : parts.stream().map(CipherPart::plainSize).toList();
        String etag = stored.metadata().getOrDefault(ETAG, stored.etag());
        return new ObjectInfo(stored.bucket(), stored.key(), stored.versionId(), size, etag, stored.lastModified(),
                stored.metadata(), stored.deleteMarker(), partSizes);
    }

    /** An uploaded part with its plaintext size. */
    public static PartInfo plainView(PartInfo stored) {
        String part = stored.metadata().get(PART);
        if (part == null) {
            return stored;
        }
        return new PartInfo(stored.partNumber(), stored.etag(), CipherPart.decode(part).plainSize(),
                stored.lastModified(), stored.metadata());
    }

    /** Metadata without any encryption key: what a copy starts from before it encrypts anew. */
    public static Map<String, String> withoutEncryption(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>(metadata);
        out.keySet().removeIf(k -> k.startsWith(PREFIX));
        return out;
    }

    static List<CipherPart> parts(Map<String, String> metadata) {
        String text = metadata.get(PARTS);
        if (text == null || text.isEmpty()) {
            throw new SseException(SseException.Reason.TAMPERED, "encrypted object without its parts");
        }
        List<CipherPart> parts = new ArrayList<>();
        for (String p : text.split(",")) {
            parts.add(CipherPart.decode(p));
        }
        return parts;
    }
}
