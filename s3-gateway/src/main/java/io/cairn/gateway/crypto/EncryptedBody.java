package io.cairn.gateway.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A plaintext body turned into what the object layer stores: read it in place of the plaintext, declare
 * {@link #storedSize()} as its size, store {@link #metadata()} with it and, once it was read to its end,
 * {@link #bodyMetadata()} too (the plaintext ETag is only known then).
 */
public final class EncryptedBody extends InputStream {

    private final EncryptingInputStream sealed;
    private final long storedSize;
    private final Map<String, String> metadata;
    private final boolean keepsPlainEtag;

    EncryptedBody(EncryptingInputStream sealed, long storedSize, Map<String, String> metadata,
                  boolean keepsPlainEtag) {
        this.sealed = sealed;
        this.storedSize = storedSize;
        this.metadata = Map.copyOf(metadata);
        this.keepsPlainEtag = keepsPlainEtag;
    }

    public long storedSize() {
        return storedSize;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Metadata known after the body: the plaintext MD5 as ETag for SSE-S3 (AWS keeps it; SSE-C does not). */
    public Map<String, String> bodyMetadata() {
        return keepsPlainEtag ? Map.of(SseMetadata.ETAG, sealed.plainMd5Hex()) : Map.of();
    }

    @Override
    public int read() throws IOException {
        return sealed.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return sealed.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        sealed.close();
    }
}
