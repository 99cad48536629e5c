package io.cairn.gateway.object;

/** The object or version does not exist (or its current version is a delete marker). */
public class ObjectNotFoundException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String message) {
        super(message);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
