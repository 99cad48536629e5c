package io.cairn.presign;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Signature Version 4 arithmetic shared by signing and verifying: strings to sign for requests,
 * aws-chunked chunks and trailers, HMAC signatures and the constant-time comparison.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    public static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final String SERVICE = "s3";
    /** Longest lifetime of a presigned URL: seven days. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    /** The basic ISO 8601 form used by X-Amz-Date: 20130524T000000Z. */
    public static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    public static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SigV4() {
    }

    public static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    public static String scopeDate(Instant instant) {
        return SCOPE_DATE.format(instant);
    }

    /** "AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{hex sha256 of canonical request}". */
    public static String stringToSign(String amzDate, CredentialScope scope, CanonicalRequest request) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope.value() + '\n' + request.hashHex();
    }

    /** Hex HMAC-SHA256 of a string to sign under a derived signing key. */
    public static String signature(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    /** Signature of one aws-chunked chunk, chained to the previous one (the seed for the first). */
    public static String chunkSignature(byte[] signingKey, String amzDate, CredentialScope scope,
                                        String previousSignature, byte[] chunkSha256) {
        return signature(signingKey, chunkStringToSign(amzDate, scope, previousSignature, chunkSha256));
    }

    public static String chunkStringToSign(String amzDate, CredentialScope scope, String previousSignature,
                                           byte[] chunkSha256) {
        return CHUNK_ALGORITHM + '\n' + amzDate + '\n' + scope.value() + '\n' + previousSignature + '\n'
                + EMPTY_SHA256 + '\n' + hex(chunkSha256);
    }

    /**
     * Signature of the trailing headers, chained to the final chunk's signature. {@code trailerSha256} is
     * the hash of the trailer lines as "name:value\n" each, without the trailer signature line.
     */
    public static String trailerSignature(byte[] signingKey, String amzDate, CredentialScope scope,
                                          String previousSignature, byte[] trailerSha256) {
        String toSign = TRAILER_ALGORITHM + '\n' + amzDate + '\n' + scope.value() + '\n' + previousSignature
                + '\n' + hex(trailerSha256);
        return signature(signingKey, toSign);
    }

    /**
     * Compares a computed and a presented signature in time independent of where they differ, so a
     * client cannot learn a valid signature byte by byte.
     */
    public static boolean signaturesMatch(String computed, String presented) {
        if (computed == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** True for 64 lower- or upper-case hex digits: the shape of a SHA-256 or a signature. */
    public static boolean isHex64(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    public static String sha256Hex(String text) {
        return hex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
