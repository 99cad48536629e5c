package io.cairn.gateway.s3;

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

    private EncryptionHeaders() {
    }

    /** What a write asks for in its headers (SSE-S3 or SSE-C), or null when it asks nothing. */
    static SseRequest forWrite(S3Request req) {
        return forWrite(req::header);
    }

    /** The same, from any lookup of lower-case header or form field names. */
    static SseRequest forWrite(Function<String, String> header) {
        String sse = header.apply(SSE);
        SseRequest customer = customer(header, CUSTOMER);
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
        if (sse.startsWith("aws:kms")) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with KMS keys is not"
                    + " supported; use AES256 or customer-provided keys.");
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

    /** The headers AWS answers with for data encrypted as {@code mode} ({@code key} for SSE-C). */
    static void toResponse(S3Response r, SseMode mode, SseRequest key) {
        if (mode == SseMode.S3) {
            r.header(SSE, AES256);
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
