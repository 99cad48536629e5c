package io.cairn.storage;

/** Base of every drive failure. */
public class ShardStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShardStoreException(String message) {
        super(message);
    }

    public ShardStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
