package io.cairn.object;

/** Completed parts are not in ascending order. */
public class InvalidPartOrderException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public InvalidPartOrderException(String message) {
        super(message);
    }

    public InvalidPartOrderException(String message, Throwable cause) {
        super(message, cause);
    }
}
