package io.cairn.object;

/** The bucket still holds objects or uploads. */
public class BucketNotEmptyException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public BucketNotEmptyException(String message) {
        super(message);
    }

    public BucketNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
