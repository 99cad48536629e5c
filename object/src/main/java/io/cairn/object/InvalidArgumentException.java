package io.cairn.object;

/** An argument is out of range (part number, max keys, ...). */
public class InvalidArgumentException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
