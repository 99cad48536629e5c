package io.cairn.gateway.auth;

import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the request head promises about its body: mode, length, digests. Parsed before any body byte,
 * so a malformed digest header fails before data moves.
 *
 * @param length            decoded byte count announced, or -1 when none was
 * @param contentSha256     the hex SHA-256 to check, or null
 * @param contentMd5        the 16 MD5 bytes of Content-MD5, or null
 * @param checksum          the x-amz-checksum-* algorithm to compute (header or trailer), or null
 * @param checksumValue     the expected base64 value from a header, or null when it comes as a trailer
 */
record BodyExpectations(PayloadMode mode, long length, String contentSha256, byte[] contentMd5,
                        ChecksumAlgorithm checksum, String checksumValue) {
    /** The most a single PUT may carry, as in S3. */
    static final long MAX_SIZE = 5L << 30;
    static final String DECODED_LENGTH = "x-amz-decoded-content-length";
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    static final String TRAILER = "x-amz-trailer";
    static final String SDK_CHECKSUM_ALGORITHM = "x-amz-sdk-checksum-algorithm";
    /** Headers with the x-amz-checksum- prefix that describe multipart uploads instead of carrying values. */
    private static final Set<String> NOT_VALUES = Set.of("x-amz-checksum-type",
            "x-amz-checksum-algorithm", "x-amz-checksum-mode");

    static BodyExpectations parse(HttpHeaders headers) throws BodyVerificationException {
        String sha = headers.get(CONTENT_SHA256);
        PayloadMode mode = PayloadMode.of(sha);
        if (mode == null) {
            throw new BodyVerificationException(Reason.CONTENT_SHA256_MISMATCH,
                    "x-amz-content-sha256 is not a SHA-256 or a known payload token");
        }
        long length = length(headers, mode);
        byte[] md5 = contentMd5(headers.get(HttpHeaderNames.CONTENT_MD5));
        ChecksumAlgorithm algorithm = null;
        String value = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-amz-checksum-") || NOT_VALUES.contains(name)) {
                continue;
            }
            ChecksumAlgorithm a = ChecksumAlgorithm.fromHeaderName(name).orElseThrow(() ->
                    new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER, "unknown checksum header " + name));
            if (algorithm != null) {
                throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            decodeChecksum(a, header.getValue());
            algorithm = a;
            value = header.getValue().strip();
        }
        ChecksumAlgorithm trailed = trailerChecksum(headers.get(TRAILER), mode);
        if (trailed != null && algorithm != null) {
            throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                    "Expecting a single x-amz-checksum- header or trailer");
        }
        algorithm = algorithm != null ? algorithm : trailed;
        checkSdkAlgorithm(headers.get(SDK_CHECKSUM_ALGORITHM), algorithm);
        String hash = mode == PayloadMode.SIGNED_HASH ? sha.toLowerCase(Locale.ROOT) : null;
        return new BodyExpectations(mode, length, hash, md5, algorithm, value);
    }

    private static long length(HttpHeaders headers, PayloadMode mode) throws BodyVerificationException {
        String text = mode.chunked() ? headers.get(DECODED_LENGTH) : headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (text == null) {
            if (mode.chunked()) {
                throw new BodyVerificationException(Reason.MISSING_DECODED_LENGTH,
                        "aws-chunked bodies need x-amz-decoded-content-length");
            }
            return -1;
        }
        long length;
        try {
            length = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            throw new BodyVerificationException(mode.chunked() ? Reason.MISSING_DECODED_LENGTH : Reason.INCOMPLETE_BODY,
                    "not a byte count: " + text);
        }
        if (length > MAX_SIZE) {
            throw new BodyVerificationException(Reason.TOO_LARGE,
                    "Your proposed upload exceeds the maximum allowed size");
        }
        return length;
    }

    private static byte[] contentMd5(String value) throws BodyVerificationException {
        if (value == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 16) {
            throw new BodyVerificationException(Reason.INVALID_DIGEST, "The Content-MD5 you specified was invalid.");
        }
        return raw;
    }

    /** The binary checksum of a header or trailer value, or INVALID_CHECKSUM_HEADER when malformed. */
    static byte[] decodeChecksum(ChecksumAlgorithm algorithm, String value) throws BodyVerificationException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != algorithm.length()) {
            throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                    "Value for " + algorithm.headerName() + " header is invalid.");
        }
        return raw;
    }

    private static ChecksumAlgorithm trailerChecksum(String trailer, PayloadMode mode)
            throws BodyVerificationException {
        if (trailer == null || trailer.isBlank()) {
            return null;
        }
        if (!mode.trailer()) {
            throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                    "x-amz-trailer needs a STREAMING-...-TRAILER x-amz-content-sha256");
        }
        ChecksumAlgorithm found = null;
        for (String name : trailer.split(",")) {
            Optional<ChecksumAlgorithm> a = ChecksumAlgorithm.fromHeaderName(name.strip());
            if (a.isEmpty()) {
                throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                        "unsupported trailer " + name.strip());
            }
            if (found != null) {
                throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER,
                        "Expecting a single x-amz-checksum- trailer");
            }
            found = a.get();
        }
        return found;
    }

    private static void checkSdkAlgorithm(String sdkAlgorithm, ChecksumAlgorithm actual)
            throws BodyVerificationException {
        if (sdkAlgorithm == null || sdkAlgorithm.isBlank()) {
            return;
        }
        Optional<ChecksumAlgorithm> named = ChecksumAlgorithm.fromName(sdkAlgorithm.strip());
        if (named.isEmpty() || named.get() != actual) {
            throw new BodyVerificationException(Reason.INVALID_CHECKSUM_HEADER, "x-amz-sdk-checksum-algorithm "
                    + sdkAlgorithm + " specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
        }
    }
}
