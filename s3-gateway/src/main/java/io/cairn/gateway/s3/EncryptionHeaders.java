package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.KeyRing;
import io.cairn.gateway.crypto.SseMode;
import io.cairn.gateway.crypto.SseRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * The server-side encryption headers: {@code x-amz-server-side-encryption} and the three SSE-C headers
 * (also under {@code x-amz-copy-source-} for a copy's source), with AWS's errors and messages, and the
 * headers responses carry. The customer key goes no further than the returned {@link SseRequest}.
 */
final class EncryptionHeaders {

    static final String SSE = "x-amz-server-side-encryption";
    static final String CUSTOMER = "x-amz-server-side-encryption-customer-";
    static final String COPY_SOURCE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-";
    static final String AES256 = "AES256";
    static final String KMS = "aws:kms";
    static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    /** The key SSE-KMS uses when neither the request nor the bucket's default names one (AWS's aws/s3). */
    static final String DEFAULT_KMS_KEY = KeyRing.DEFAULT_KEY;

    private EncryptionHeaders() {
    }

    /**
     * What a write asks for in its headers (SSE-S3, SSE-KMS or SSE-C), or null when it asks nothing. SSE-KMS
     * without a key id comes back with a null id, for the bucket default or {@link #DEFAULT_KMS_KEY} to fill.
     */
    static SseRequest forWrite(S3Request req) {
        return forWrite(req::header);
    }

    /** The same, from any lookup of lower-case header or form field names. */
    static SseRequest forWrite(Function<String, String> header) {
        String sse = header.apply(SSE);
        SseRequest customer = customer(header, CUSTOMER);
        String kmsKeyId = header.apply(KMS_KEY_ID);
        if (kmsKeyId != null && !KMS.equals(sse)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key"
                    + " requires HTTP header x-amz-server-side-encryption : aws:kms");
        }
        if (sse == null) {
            return customer;
        }
        if (customer != null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with Customer provided key"
                    + " is incompatible with the encryption method specified");
        }
        if (sse.equals(AES256)) {
            return SseRequest.S3;
        }
        if (sse.equals(KMS)) {
            return new SseRequest(SseMode.KMS, null, kmsKeyId == null ? DEFAULT_KMS_KEY : keyName(kmsKeyId));
        }
        if (sse.startsWith(KMS)) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Dual-layer server-side encryption with KMS keys is"
                    + " not supported; use aws:kms, AES256 or customer-provided keys.");
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption method specified is not supported");
    }

    /** The SSE-C key under {@code prefix}, checked against its MD5; null when none of the three is sent. */
    static SseRequest customer(S3Request req, String prefix) {
        return customer(req::header, prefix);
    }

    private static SseRequest customer(Function<String, String> header, String prefix) {
        String algorithm = header.apply(prefix + "algorithm");
        String key = header.apply(prefix + "key");
        String md5 = header.apply(prefix + "key-md5");
        if (algorithm == null && key == null && md5 == null) {
            return null;
        }
        if (algorithm == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Requests specifying Server Side Encryption with"
                    + " Customer provided keys must provide a valid encryption algorithm.");
        }
        if (!algorithm.equals(AES256)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption request you specified is not"
                    + " valid. The valid value is AES256.");
        }
        if (key == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Requests specifying Server Side Encryption with"
                    + " Customer provided keys must provide an appropriate secret key.");
        }
        byte[] raw = decode(key);
        if (raw == null || raw.length != 32) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The secret key was invalid for the specified algorithm.");
        }
        if (md5 == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Requests specifying Server Side Encryption with"
                    + " Customer provided keys must provide the client calculated MD5 of the secret key.");
        }
        byte[] given = decode(md5);
        if (given == null || !MessageDigest.isEqual(given, md5(raw))) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The calculated MD5 hash of the key did not match the hash that was provided.");
        }
        return SseRequest.customer(raw);
    }

    /**
     * A key named by id or by ARN ({@code arn:aws:kms:region:account:key/ID}): the key ring knows the id.
     */
    static String keyName(String idOrArn) {
        String id = idOrArn.trim();
        int slash = id.lastIndexOf("key/");
        return id.startsWith("arn:") && slash >= 0 ? id.substring(slash + "key/".length()) : id;
    }

    /**
     * The headers AWS answers with for data encrypted as {@code mode} ({@code key} for SSE-C, {@code kmsKeyId}
     * for SSE-KMS).
     */
    static void toResponse(S3Response r, SseMode mode, SseRequest key, String kmsKeyId) {
        if (mode == SseMode.S3) {
            r.header(SSE, AES256);
        } else if (mode == SseMode.KMS) {
            r.header(SSE, KMS);
            if (kmsKeyId != null) {
                r.header(KMS_KEY_ID, kmsKeyId);
            }
        } else if (mode == SseMode.CUSTOMER) {
            r.header(CUSTOMER + "algorithm", AES256);
            if (key != null && key.mode() == SseMode.CUSTOMER) {
                r.header(CUSTOMER + "key-MD5", Base64.getEncoder().encodeToString(md5(key.customerKey())));
            }
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
