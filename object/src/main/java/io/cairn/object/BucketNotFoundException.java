package io.cairn.object;

/** The bucket does not exist. */
public class BucketNotFoundException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public BucketNotFoundException(String message) {
        super(message);
    }

    public BucketNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
