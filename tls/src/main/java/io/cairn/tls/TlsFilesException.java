package io.cairn.tls;

/**
 * PEM files that cannot make a TLS identity: unreadable, not PEM, a key in an unsupported form, or a key
 * that does not belong to the certificate. An {@link IllegalArgumentException}, since at start it is a bad
 * option value; after a renewal it only keeps the previous certificate in use.
 */
public final class TlsFilesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    TlsFilesException(String message) {
        super(message);
    }

    TlsFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
