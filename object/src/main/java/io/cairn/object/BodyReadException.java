package io.cairn.object;

/**
 * Reading the request body failed or it ended early; the cause is the body stream's own exception (which
 * the gateway maps, e.g. a checksum mismatch). Nothing was stored.
 */
public class BodyReadException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public BodyReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
