package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.EncryptedBody;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.gateway.crypto.SseException;
import io.cairn.gateway.crypto.SseMetadata;
import io.cairn.gateway.crypto.SseMode;
import io.cairn.gateway.crypto.SseRequest;
import io.cairn.object.ByteRange;
import io.cairn.object.CompletedPart;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import io.cairn.object.PutOptions;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the S3 operations meet server-side encryption: which encryption a write gets (its headers, else
 * the bucket default), writing objects and parts through the encryption, and reading stored versions
 * back as plaintext with the key the request brings. Operations stay unaware of packages and keys.
 */
final class ObjectEncryption {

    /**
     * The bucket configuration holding the default encryption, absent when none: "AES256", or "aws:kms" and
     * the key id after a ';' ({@link #kmsDefault}).
     */
    static final String BUCKET_CONFIG = "encryption";

    private final ObjectService objects;
    private final ServerSideEncryption engine;

    ObjectEncryption(ObjectService objects, ServerSideEncryption engine) {
        this.objects = objects;
        this.engine = engine;
    }

    /** A result and the encryption it was written or read with, for the response headers. */
    record Sse<T>(T value, SseMode mode, SseRequest key) {
        void headers(S3Response r) {
            EncryptionHeaders.toResponse(r, mode, key, key == null ? null : key.kmsKeyId());
        }
    }

    /** The encryption a new object or upload in the request's bucket gets, or null for none. */
    SseRequest forWrite(S3Request req) {
        return forWrite(req.bucket(), req::header);
    }

    /** The same for a write whose headers (or form fields) {@code header} looks up by lower-case name. */
    SseRequest forWrite(String bucket, Function<String, String> header) {
        SseRequest asked = EncryptionHeaders.forWrite(header);
        SseRequest chosen = asked != null ? asked
                : objects.getBucketConfig(bucket, BUCKET_CONFIG).map(ObjectEncryption::fromBucketDefault).orElse(null);
        if (chosen != null && chosen.mode() == SseMode.KMS) {
            engine.requireKmsKey(chosen.kmsKeyId());
        }
        return chosen;
    }

    /** Refuses (KMS.NotFoundException) an SSE-KMS key id the key ring does not hold. */
    void requireKmsKey(String keyId) {
        engine.requireKmsKey(keyId);
    }

    /** The stored form of a bucket default: "AES256", or "aws:kms;KEYID". */
    static String bucketDefault(String algorithm, String kmsKeyId) {
        return EncryptionHeaders.KMS.equals(algorithm) ? EncryptionHeaders.KMS + ";" + kmsKeyId : algorithm;
    }

    /** The key id of a stored SSE-KMS bucket default, or null for another default. */
    static String kmsDefault(String stored) {
        return stored.startsWith(EncryptionHeaders.KMS + ";") ? stored.substring(EncryptionHeaders.KMS.length() + 1)
                : null;
    }

    private static SseRequest fromBucketDefault(String stored) {
        String kms = kmsDefault(stored);
        return kms != null ? SseRequest.kms(kms) : SseRequest.S3;
    }

    /** Stores a plaintext body, encrypted when {@code sse} is set; returns the new version's plaintext view. */
    Sse<ObjectInfo> put(String bucket, String key, InputStream plain, long size, PutOptions options, SseRequest sse) {
        if (sse == null) {
            return new Sse<>(objects.putObject(bucket, key, plain, size, options), null, null);
        }
        EncryptedBody body = engine.encryptObject(bucket, key, sse, plain, size);
        PutOptions encrypted = new PutOptions(merge(options.metadata(), body.metadata()), options.ifNoneMatchAny(),
                options.ifMatchEtag(), () -> merge(options.bodyMetadata().get(), body.bodyMetadata()), options.origin());
        ObjectInfo info = objects.putObject(bucket, key, body, body.storedSize(), encrypted);
        return new Sse<>(SseMetadata.plainView(info), sse.mode(), sse);
    }

    /** A stored version as this request may read it (SSE-C key from its headers). */
    Reader reader(S3Request req, ObjectInfo stored) {
        return reader(stored, EncryptionHeaders.customer(req, EncryptionHeaders.CUSTOMER));
    }

    /** A copy's source as the request may read it (x-amz-copy-source-server-side-encryption-customer-*). */
    Reader copySourceReader(S3Request req, ObjectInfo stored) {
        return reader(stored, EncryptionHeaders.customer(req, EncryptionHeaders.COPY_SOURCE_CUSTOMER));
    }

    private Reader reader(ObjectInfo stored, SseRequest key) {
        ServerSideEncryption.Decryptor d = engine.unlock(stored, key);
        return new Reader(objects, stored, d == null ? stored : d.view(), d, key);
    }

    /** Reads one stored version as plaintext. */
    record Reader(ObjectService objects, ObjectInfo stored, ObjectInfo view, ServerSideEncryption.Decryptor decryptor,
                  SseRequest key) {

        boolean encrypted() {
            return decryptor != null;
        }

        void headers(S3Response r) {
            EncryptionHeaders.toResponse(r, SseMetadata.mode(stored.metadata()), key,
                    SseMetadata.kmsKey(stored.metadata()));
        }

        /** A plaintext range ({@code range} null: all of it), decrypting only the packages it touches. */
        ObjectContent open(String versionId, ByteRange range) {
            if (decryptor == null) {
                return objects.getObject(stored.bucket(), stored.key(), versionId, range);
            }
            long[] r = range == null ? new long[] {0, view.size()} : range.resolve(view.size());
            if (r == null || r[1] == 0) {
                return empty(view);
            }
            return decryptor.open(r[0], r[1], cipher -> objects.getObject(stored.bucket(), stored.key(), versionId,
                    cipher));
        }
    }

    /** CreateMultipartUpload: the upload's metadata with its sealed data key when it is encrypted. */
    Sse<Map<String, String>> beginUpload(S3Request req, Map<String, String> metadata) {
        SseRequest sse = forWrite(req);
        if (sse == null) {
            return new Sse<>(metadata, null, null);
        }
        return new Sse<>(merge(metadata, engine.beginUpload(req.bucket(), req.key(), sse)), sse.mode(), sse);
    }

    /** UploadPart and UploadPartCopy: the part encrypted with the upload's key; its plaintext view. */
    Sse<PartInfo> uploadPart(S3Request req, int partNumber, InputStream plain, long size,
                             Map<String, String> partMetadata) {
        String uploadId = req.param("uploadId");
        Map<String, String> upload = objects.uploadMetadata(req.bucket(), req.key(), uploadId);
        SseMode mode = SseMetadata.mode(upload);
        SseRequest key = EncryptionHeaders.customer(req, EncryptionHeaders.CUSTOMER);
        if (mode == SseMode.CUSTOMER && key == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The multipart upload initiate requested encryption."
                    + " Subsequent part requests must include the appropriate encryption parameters.");
        }
        EncryptedBody body = engine.encryptPart(req.bucket(), req.key(), upload, key, plain, size);
        if (body == null) {
            return new Sse<>(objects.uploadPart(req.bucket(), req.key(), uploadId, partNumber, plain, size,
                    partMetadata), null, null);
        }
        PartInfo part = objects.uploadPart(req.bucket(), req.key(), uploadId, partNumber, body, body.storedSize(),
                merge(partMetadata, body.metadata()));
        return new Sse<>(SseMetadata.plainView(part), mode, mode == SseMode.KMS ? kmsOf(upload) : key);
    }

    /** CompleteMultipartUpload: the object's metadata, with the chosen parts' sizes and nonces if encrypted. */
    Sse<Map<String, String>> completed(S3Request req, List<CompletedPart> chosen, Map<String, String> upload) {
        SseMode mode = SseMetadata.mode(upload);
        if (mode == null) {
            return new Sse<>(upload, null, null);
        }
        Map<Integer, PartInfo> uploaded = new HashMap<>();
        int marker = 0;
        ListPartsResult page;
        do {
            page = objects.listParts(req.bucket(), req.key(), req.param("uploadId"), marker, 1000);
            page.parts().forEach(p -> uploaded.put(p.partNumber(), p));
            marker = page.nextPartNumberMarker();
        } while (page.truncated());
        List<PartInfo> parts = new ArrayList<>();
        for (CompletedPart c : chosen) {
            PartInfo p = uploaded.get(c.partNumber());
            if (p != null) {
                parts.add(p);
            }
        }
        return new Sse<>(ServerSideEncryption.completed(upload, parts), mode, mode == SseMode.KMS ? kmsOf(upload) : null);
    }

    private static SseRequest kmsOf(Map<String, String> metadata) {
        return SseRequest.kms(SseMetadata.kmsKey(metadata));
    }

    /** The S3 error of an encryption failure; the one place it is decided. */
    static S3Error error(SseException e) {
        return switch (e.reason()) {
            case KEY_MISMATCH -> S3Error.of(S3ErrorCode.ACCESS_DENIED);
            case KEY_REQUIRED -> new S3Error(S3ErrorCode.INVALID_REQUEST, "The object was stored using a form of"
                    + " Server Side Encryption. The correct parameters must be provided to retrieve the object.",
                    Map.of());
            case NOT_APPLICABLE -> new S3Error(S3ErrorCode.INVALID_REQUEST,
                    "The encryption parameters are not applicable to this object.", Map.of());
            case TAMPERED -> S3Error.of(S3ErrorCode.INTERNAL_ERROR);
            case KMS_KEY_NOT_FOUND -> new S3Error(S3ErrorCode.KMS_NOT_FOUND, e.getMessage(), Map.of());
        };
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static ObjectContent empty(ObjectInfo info) {
        return new ObjectContent() {
            @Override
            public ObjectInfo info() {
                return info;
            }

            @Override
            public long offset() {
                return 0;
            }

            @Override
            public long length() {
                return 0;
            }

            @Override
            public ByteBuffer next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
