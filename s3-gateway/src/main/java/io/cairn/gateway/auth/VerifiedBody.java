package io.cairn.gateway.auth;

import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.cairn.gateway.checksum.RunningChecksum;
import io.cairn.presign.SigV4;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The payload as the consumer reads it: counts and digests every byte, and at end of stream checks
 * length, x-amz-content-sha256, Content-MD5 and the flexible checksum. A failed check is thrown where
 * end of stream would have been returned, and again on every later read.
 */
final class VerifiedBody extends InputStream {
    private final InputStream payload;
    private final BodyExpectations expect;
    private final Supplier<Map<String, String>> trailers;
    private final MessageDigest sha256;
    private final MessageDigest md5;
    private final RunningChecksum checksum;
    private long count;
    private boolean verified;
    private BodyVerificationException failure;
    private String checksumBase64;
    private String md5Hex;

    VerifiedBody(InputStream payload, BodyExpectations expect, Supplier<Map<String, String>> trailers) {
        this.payload = payload;
        this.expect = expect;
        this.trailers = trailers;
        this.sha256 = expect.contentSha256() == null ? null : SigV4.newSha256();
        this.md5 = expect.contentMd5() == null ? null : newMd5();
        this.checksum = expect.checksum() == null ? null : expect.checksum().start();
    }

    /** Algorithm name to base64 value of the verified checksum; empty before a clean end of stream. */
    Map<String, String> checksums() {
        return verified && checksumBase64 != null ? Map.of(expect.checksum().name(), checksumBase64) : Map.of();
    }

    /** Hex MD5 of the body when Content-MD5 was sent and matched; null otherwise. */
    String md5Hex() {
        return verified ? md5Hex : null;
    }

    boolean verified() {
        return verified;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return -1;
        }
        try {
            int n = payload.read(b, off, len);
            if (n < 0) {
                verify();
                verified = true;
                return -1;
            }
            count += n;
            if (expect.length() >= 0 && count > expect.length()) {
                throw new BodyVerificationException(Reason.INCOMPLETE_BODY,
                        "more bytes than the announced length " + expect.length());
            }
            if (count > BodyExpectations.MAX_SIZE) {
                throw new BodyVerificationException(Reason.TOO_LARGE,
                        "Your proposed upload exceeds the maximum allowed size");
            }
            update(b, off, n);
            return n;
        } catch (BodyVerificationException e) {
            failure = e;
            throw e;
        }
    }

    private void update(byte[] b, int off, int n) {
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        if (md5 != null) {
            md5.update(b, off, n);
        }
        if (checksum != null) {
            checksum.update(b, off, n);
        }
    }

    private void verify() throws BodyVerificationException {
        if (expect.length() >= 0 && count != expect.length()) {
            throw new BodyVerificationException(Reason.INCOMPLETE_BODY, "You did not provide the number of bytes "
                    + "specified by the Content-Length HTTP header: got " + count + " of " + expect.length());
        }
        if (sha256 != null && !SigV4.signaturesMatch(expect.contentSha256(), SigV4.hex(sha256.digest()))) {
            throw new BodyVerificationException(Reason.CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        if (md5 != null) {
            byte[] actual = md5.digest();
            if (!MessageDigest.isEqual(actual, expect.contentMd5())) {
                throw new BodyVerificationException(Reason.BAD_DIGEST,
                        "The Content-MD5 you specified did not match what we received.");
            }
            md5Hex = SigV4.hex(actual);
        }
        if (checksum != null) {
            verifyChecksum();
        }
    }

    private void verifyChecksum() throws BodyVerificationException {
        String name = expect.checksum().headerName();
        String presented = expect.checksumValue();
        if (presented == null) {
            presented = trailers.get().get(name);
            if (presented == null) {
                throw new BodyVerificationException(Reason.MALFORMED_TRAILER,
                        "The announced trailer " + name + " was not sent");
            }
        }
        byte[] expected = BodyExpectations.decodeChecksum(expect.checksum(), presented);
        byte[] actual = checksum.finish();
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new BodyVerificationException(Reason.CHECKSUM_MISMATCH,
                    "The " + expect.checksum().name() + " you specified did not match the calculated checksum.");
        }
        checksumBase64 = Base64.getEncoder().encodeToString(actual);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public void close() throws IOException {
        payload.close();
    }
}
