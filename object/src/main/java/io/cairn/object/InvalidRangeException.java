package io.cairn.object;

/** The requested range is not satisfiable. */
public class InvalidRangeException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public InvalidRangeException(String message) {
        super(message);
    }

    public InvalidRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
