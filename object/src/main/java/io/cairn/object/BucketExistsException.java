package io.cairn.object;

/** The bucket already exists. */
public class BucketExistsException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public BucketExistsException(String message) {
        super(message);
    }

    public BucketExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
