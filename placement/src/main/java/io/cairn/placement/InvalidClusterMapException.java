package io.cairn.placement;

/** A cluster map, or its JSON form, breaks a rule; the message names the offending field. */
public final class InvalidClusterMapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidClusterMapException(String message) {
        super(message);
    }
}
