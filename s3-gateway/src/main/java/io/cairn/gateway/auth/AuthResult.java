package io.cairn.gateway.auth;

import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who sent a request (or that nobody signed it), and the means to read its body verified. One instance
 * serves one request.
 */
public final class AuthResult {
    private final Credentials credentials;
    private final boolean root;
    /** Null unless the request was signed with the Authorization header (chunk signatures chain from it). */
    private final ChunkSigningContext chunkSigning;
    private VerifiedBody body;

    private AuthResult(Credentials credentials, boolean root, ChunkSigningContext chunkSigning) {
        this.credentials = credentials;
        this.root = root;
        this.chunkSigning = chunkSigning;
    }

    /**
     * The result for a request nobody signed. (Named apart from {@link #anonymous()}: Java cannot have a
     * static factory and an instance query with the same name and no arguments.)
     */
    public static AuthResult anonymousRequest() {
        return new AuthResult(null, false, null);
    }

    static AuthResult signed(Credentials credentials, boolean root, ChunkSigningContext chunkSigning) {
        return new AuthResult(credentials, root, chunkSigning);
    }

    public boolean anonymous() {
        return credentials == null;
    }

    /** The signer's access key; null when anonymous. */
    public String accessKey() {
        return credentials == null ? null : credentials.accessKey();
    }

    /** Whether the signer is the root user (see {@link CredentialStore#isRoot}). */
    public boolean root() {
        return root;
    }

    /** The signer; null when anonymous. */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Checks the body-related headers (digests, checksums, lengths) without reading the body, so the
     * caller can refuse before sending 100-continue. {@link #wrapBody} repeats the check.
     */
    public void checkBodyHeaders(HttpHeaders headers) throws BodyVerificationException {
        BodyExpectations.parse(headers);
    }

    /**
     * Wraps the raw body (bytes exactly as received after HTTP framing) into the payload stream: decodes
     * aws-chunked (signed chunks: verifies every chunk signature in sequence including the final 0-size
     * chunk and the trailer signature if any; unsigned with trailer), checks x-amz-content-sha256 when it
     * is a hex hash, Content-MD5 when present, x-amz-checksum-{crc32,crc32c,crc64nvme,sha1,sha256} from
     * headers or trailers (x-amz-trailer names the trailer), and x-amz-decoded-content-length /
     * Content-Length against the actual byte count. Verification happens when the wrapped stream reaches
     * its end: it then throws BodyVerificationException (an IOException) instead of returning -1, so the
     * consumer never commits bad data. A malformed header fails the first read.
     */
    public InputStream wrapBody(InputStream rawBody, HttpHeaders headers) {
        BodyExpectations expect;
        try {
            expect = BodyExpectations.parse(headers);
        } catch (BodyVerificationException e) {
            return new FailedStream(e);
        }
        InputStream payload = rawBody;
        AwsChunkedDecoder decoder = null;
        if (expect.mode().signedChunks()) {
            if (chunkSigning == null) {
                return new FailedStream(new BodyVerificationException(Reason.CHUNK_SIGNATURE_MISMATCH,
                        "signed aws-chunked body without an Authorization header signature"));
            }
            decoder = new AwsChunkedDecoder(rawBody, chunkSigning, expect.mode().trailer());
        } else if (expect.mode().chunked()) {
            decoder = new AwsChunkedDecoder(rawBody, null, false);
        }
        if (decoder != null) {
            payload = decoder;
        }
        AwsChunkedDecoder trailerSource = decoder;
        body = new VerifiedBody(payload, expect, () -> trailerSource == null ? Map.of() : trailerSource.trailers());
        return body;
    }

    /**
     * Like {@link #wrapBody} for a body that is a document about the object rather than its data
     * (CompleteMultipartUpload): there, x-amz-checksum-* headers carry the whole object's checksum, so
     * they are not checked against the body. Content-MD5, x-amz-content-sha256, chunk signatures and
     * lengths still are.
     */
    public InputStream wrapRequestDocument(InputStream rawBody, HttpHeaders headers) {
        HttpHeaders copy = headers.copy();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-checksum-") || lower.equals(BodyExpectations.SDK_CHECKSUM_ALGORITHM)) {
                copy.remove(name);
            }
        }
        return wrapBody(rawBody, copy);
    }

    /**
     * After the wrapped stream hit EOF cleanly: the verified checksums, algorithm name (e.g. "CRC32C") ->
     * base64 value, to store with the object. Empty before that, or when none was sent.
     */
    public Map<String, String> checksums() {
        return body == null ? Map.of() : body.checksums();
    }

    /** After a clean EOF: the MD5 (hex) of the body if Content-MD5 was sent and therefore computed. */
    public Optional<String> md5Hex() {
        return Optional.ofNullable(body == null ? null : body.md5Hex());
    }

    @Override
    public String toString() {
        return anonymous() ? "AuthResult[anonymous]" : "AuthResult[" + credentials.accessKey() + "]";
    }

    /** A body refused from its headers alone: every read repeats the refusal. */
    private static final class FailedStream extends InputStream {
        private final BodyVerificationException failure;

        FailedStream(BodyVerificationException failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw failure;
        }
    }
}
