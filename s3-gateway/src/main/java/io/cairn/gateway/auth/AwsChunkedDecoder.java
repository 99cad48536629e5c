package io.cairn.gateway.auth;

import io.cairn.gateway.auth.BodyVerificationException.Reason;
import io.cairn.presign.SigV4;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an aws-chunked body ("{hex size}[;chunk-signature={sig}]\r\n{data}\r\n" ... a final 0-size
 * chunk, optional trailing headers, "\r\n") into the payload bytes.
 *
 * <p>Memory stays bounded: data is handed to the reader as it arrives, while a running SHA-256 follows
 * the chunk. A chunk's signature can only be checked once its last byte went by, so the reader may
 * already hold bytes of a chunk that turns out forged; that is safe because the failure is thrown before
 * end of stream, and consumers commit only after end of stream.
 */
final class AwsChunkedDecoder extends InputStream {
    /** A size line is "{hex};chunk-signature={64 hex}": ~100 bytes; anything far longer is an attack. */
    static final int MAX_HEADER_LINE = 4096;
    static final int MAX_TRAILER_LINE = 4096;
    static final int MAX_TRAILER_LINES = 32;
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final byte[] EMPTY_SHA256 = SigV4.sha256(new byte[0]);

    private final InputStream raw;
    /** Null for unsigned chunks. */
    private final ChunkSigningContext signing;
    private final boolean signedTrailer;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private final MessageDigest chunkDigest = SigV4.newSha256();
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previousSignature;
    private String presentedSignature;
    private long chunkRemaining;
    private boolean afterData;
    private boolean finished;
    private BodyVerificationException failure;

    AwsChunkedDecoder(InputStream raw, ChunkSigningContext signing, boolean signedTrailer) {
        this.raw = raw;
        this.signing = signing;
        this.signedTrailer = signedTrailer;
        this.previousSignature = signing == null ? null : signing.seedSignature();
    }

    /** The trailing headers, names in lower case; complete once the stream returned end of stream. */
    Map<String, String> trailers() {
        return Map.copyOf(trailers);
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
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (chunkRemaining == 0) {
                if (!advance()) {
                    finished = true;
                    return -1;
                }
            }
            int n = readData(b, off, (int) Math.min(len, chunkRemaining));
            if (signing != null) {
                chunkDigest.update(b, off, n);
            }
            chunkRemaining -= n;
            return n;
        } catch (BodyVerificationException e) {
            failure = e;
            throw e;
        }
    }

    /** Closes the chunk just read and opens the next; false after the final chunk and trailers. */
    private boolean advance() throws IOException {
        if (afterData) {
            expectCrlf();
            verifyChunk(chunkDigest.digest());
            afterData = false;
        }
        long size = readChunkHeader();
        if (size > 0) {
            chunkRemaining = size;
            afterData = true;
            return true;
        }
        verifyChunk(EMPTY_SHA256);
        readTrailers();
        if (fill() > 0) {
            throw fail(Reason.MALFORMED_CHUNK, "bytes after the end of the aws-chunked body");
        }
        return false;
    }

    private long readChunkHeader() throws IOException {
        String line = readLine(MAX_HEADER_LINE);
        if (line == null) {
            throw fail(Reason.INCOMPLETE_BODY, "aws-chunked body ended before its final chunk");
        }
        int semicolon = line.indexOf(';');
        String hex = semicolon < 0 ? line : line.substring(0, semicolon);
        long size = parseSize(hex.strip());
        if (signing != null) {
            String extension = semicolon < 0 ? "" : line.substring(semicolon + 1);
            if (!extension.startsWith(SIGNATURE_EXTENSION)) {
                throw fail(Reason.MALFORMED_CHUNK, "chunk without chunk-signature");
            }
            presentedSignature = extension.substring(SIGNATURE_EXTENSION.length());
            if (!SigV4.isHex64(presentedSignature)) {
                throw fail(Reason.MALFORMED_CHUNK, "malformed chunk-signature");
            }
        }
        return size;
    }

    private long parseSize(String hex) throws BodyVerificationException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw fail(Reason.MALFORMED_CHUNK, "malformed chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw fail(Reason.MALFORMED_CHUNK, "malformed chunk size");
            }
            size = size << 4 | digit;
        }
        return size;
    }

    private void verifyChunk(byte[] sha256) throws BodyVerificationException {
        if (signing == null) {
            return;
        }
        String expected = SigV4.chunkSignature(signing.signingKey(), signing.amzDate(), signing.scope(),
                previousSignature, sha256);
        if (!SigV4.signaturesMatch(expected, presentedSignature)) {
            throw fail(Reason.CHUNK_SIGNATURE_MISMATCH,
                    "The request signature we calculated does not match the signature you provided (chunk)");
        }
        previousSignature = expected;
    }

    private void readTrailers() throws IOException {
        MessageDigest trailerDigest = SigV4.newSha256();
        String trailerSignature = null;
        for (int count = 0; ; count++) {
            String line = readLine(MAX_TRAILER_LINE);
            if (line == null || line.isEmpty()) {
                break; // some clients omit the closing CRLF; a signed trailer is still checked below
            }
            if (count >= MAX_TRAILER_LINES) {
                throw fail(Reason.MALFORMED_TRAILER, "too many trailing headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw fail(Reason.MALFORMED_TRAILER, "malformed trailing header");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (signing != null && TRAILER_SIGNATURE.equals(name)) {
                trailerSignature = value;
                continue;
            }
            trailerDigest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            trailers.put(name, value);
        }
        if (signing != null && signedTrailer) {
            String expected = SigV4.trailerSignature(signing.signingKey(), signing.amzDate(), signing.scope(),
                    previousSignature, trailerDigest.digest());
            if (!SigV4.signaturesMatch(expected, trailerSignature)) {
                throw fail(Reason.CHUNK_SIGNATURE_MISMATCH,
                        "The request signature we calculated does not match the signature you provided (trailer)");
            }
        } else if (signing != null && !trailers.isEmpty()) {
            throw fail(Reason.MALFORMED_TRAILER, "trailing headers on a body that announced none");
        }
    }

    private void expectCrlf() throws IOException {
        int cr = nextByte();
        int lf = nextByte();
        if (cr < 0 || lf < 0) {
            throw fail(Reason.INCOMPLETE_BODY, "aws-chunked body ended inside a chunk");
        }
        if (cr != '\r' || lf != '\n') {
            throw fail(Reason.MALFORMED_CHUNK, "chunk data longer than its size");
        }
    }

    /** A CRLF-terminated line without its CRLF; null at a clean end of stream before any byte. */
    private String readLine(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder(128);
        while (true) {
            int c = nextByte();
            if (c < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw fail(Reason.INCOMPLETE_BODY, "aws-chunked body ended inside a line");
            }
            if (c == '\r') {
                int lf = nextByte();
                if (lf < 0) {
                    throw fail(Reason.INCOMPLETE_BODY, "aws-chunked body ended inside a line");
                }
                if (lf != '\n') {
                    throw fail(Reason.MALFORMED_CHUNK, "CR without LF in aws-chunked framing");
                }
                return line.toString();
            }
            if (c == '\n' || line.length() >= maxLength) {
                throw fail(Reason.MALFORMED_CHUNK, "malformed aws-chunked line");
            }
            line.append((char) c);
        }
    }

    private int nextByte() throws IOException {
        if (position == limit && fill() <= 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        if (position == limit && fill() <= 0) {
            throw fail(Reason.INCOMPLETE_BODY, "aws-chunked body ended inside a chunk");
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** Refills the buffer when empty; returns the bytes available, 0 or less at end of stream. */
    private int fill() throws IOException {
        if (position < limit) {
            return limit - position;
        }
        int n;
        do {
            n = raw.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n;
    }

    private BodyVerificationException fail(Reason reason, String message) {
        return new BodyVerificationException(reason, message);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
