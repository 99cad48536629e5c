package io.cairn.object;

/** Base of the object layer's expected failures; the gateway maps each subclass to one S3 error. */
public class ObjectLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ObjectLayerException(String message) {
        super(message);
    }

    public ObjectLayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
