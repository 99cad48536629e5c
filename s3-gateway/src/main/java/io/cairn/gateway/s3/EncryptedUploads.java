package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.gateway.crypto.SseRequest;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PutOptions;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Server-side encryption for uploads that do not come through the S3 operations (POST Object form uploads):
 * the choice a PUT gets (what the upload's fields ask, else the bucket's default encryption) and the same
 * packages and keys, so such objects read back through GET like any other.
 */
public final class EncryptedUploads {

    private final ObjectEncryption encryption;

    EncryptedUploads(ObjectEncryption encryption) {
        this.encryption = encryption;
    }

    /** Over {@code objects} with {@code masterKey}: the key every gateway of the store shares. */
    public static EncryptedUploads of(ObjectService objects, MasterKey masterKey) {
        return of(objects, new ServerSideEncryption(masterKey));
    }

    /** Over {@code objects} with the server's encryption (master key and key ring). */
    public static EncryptedUploads of(ObjectService objects, ServerSideEncryption sse) {
        return new EncryptedUploads(new ObjectEncryption(objects, sse));
    }

    /**
     * The encryption an upload into {@code bucket} gets, or null for none; {@code fields} looks up the upload's
     * fields by lower-case name ({@code x-amz-server-side-encryption}, the SSE-C three). An S3Exception for
     * fields AWS refuses.
     */
    public SseRequest choose(String bucket, Function<String, String> fields) {
        return encryption.forWrite(bucket, fields);
    }

    /** Stores {@code plain} ({@code size} bytes, which encryption needs up front) as {@code sse} says. */
    public ObjectInfo put(String bucket, String key, InputStream plain, long size, PutOptions options,
                          SseRequest sse) {
        return encryption.put(bucket, key, plain, size, options, sse).value();
    }

    /** The headers a response about an object written with {@code sse} carries. */
    public static void headers(S3Response response, SseRequest sse) {
        if (sse != null) {
            EncryptionHeaders.toResponse(response, sse.mode(), sse, sse.kmsKeyId());
        }
    }
}
