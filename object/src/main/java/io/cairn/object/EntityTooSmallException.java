package io.cairn.object;

/** A part other than the last is smaller than the minimum part size. */
public class EntityTooSmallException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public EntityTooSmallException(String message) {
        super(message);
    }

    public EntityTooSmallException(String message, Throwable cause) {
        super(message, cause);
    }
}
