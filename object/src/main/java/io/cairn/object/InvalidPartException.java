package io.cairn.object;

/** A completed part is missing or its ETag does not match. */
public class InvalidPartException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public InvalidPartException(String message) {
        super(message);
    }

    public InvalidPartException(String message, Throwable cause) {
        super(message, cause);
    }
}
