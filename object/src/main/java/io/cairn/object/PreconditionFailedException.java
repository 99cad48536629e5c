package io.cairn.object;

/** A conditional write's condition does not hold. */
public class PreconditionFailedException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message);
    }

    public PreconditionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
