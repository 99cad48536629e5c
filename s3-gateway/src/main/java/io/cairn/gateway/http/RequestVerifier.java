package io.cairn.gateway.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Authenticates a request from its head alone, before any body byte is read and before 100-continue is
 * answered. Failures are thrown as the authentication layer's own exceptions (the S3 mapper translates
 * them).
 */
@FunctionalInterface
public interface RequestVerifier {

    Verified verify(HttpRequest head) throws Exception;

    /** The outcome of a successful authentication. */
    interface Verified {
        /** The caller's access key, or null when anonymous. */
        String accessKey();

        /** Whether the caller is the root user, who may act on every bucket. */
        default boolean root() {
            return false;
        }

        /** Wraps the raw body so that reading it decodes and verifies it (signatures, checksums, length). */
        InputStream wrapBody(InputStream raw, HttpHeaders headers) throws IOException;

        /**
         * Like {@link #wrapBody} for a body that describes the object rather than carrying it
         * (CompleteMultipartUpload), whose x-amz-checksum-* headers are the object's checksum.
         */
        default InputStream wrapRequestDocument(InputStream raw, HttpHeaders headers) throws IOException {
            return wrapBody(raw, headers);
        }

        /** Checksums (algorithm to base64) verified over the body; complete after the body's end. */
        Map<String, String> checksums();
    }
}
